// The torrent list as the page keeps it: GET /client/api/torrents (TorrentDTO) at first, then the hub's status events.

export interface Tag { id: number; name: string; color: string }
export interface Category { id: number; name: string; default_save_path: string; color: string }

export interface Row {
  id: string;
  name: string;
  state: string;
  totalBytes: number;
  bytesDone: number;
  progress: number;
  downloadRate: number;
  uploadRate: number;
  peers: number;
  seeds: number;
  paused: boolean;
  completed: boolean;
  queued: boolean;
  verifying: boolean;
  queuePosition: number;
  categoryId: number | null;
  tagIds: number[];
  addedAt: number;
  magnet: string;
  error: string | null;
}

export interface TorrentDto {
  id: string; name: string; magnet: string; total_bytes: number; bytes_done: number; progress: number;
  download_rate: number; upload_rate: number; peers: number; seeds: number; paused: boolean; completed: boolean;
  added_at: number; category_id: number | null; tags: Tag[]; queue_position: number; queued: boolean; verifying: boolean;
}

/** A row from the list route; its state is derived as the hub's status would name it. */
export function fromDto(t: TorrentDto): Row {
  return {
    id: t.id, name: t.name, state: derivedState(t), totalBytes: t.total_bytes, bytesDone: t.bytes_done, progress: t.progress,
    downloadRate: t.download_rate, uploadRate: t.upload_rate, peers: t.peers, seeds: t.seeds, paused: t.paused,
    completed: t.completed, queued: t.queued, verifying: t.verifying, queuePosition: t.queue_position,
    categoryId: t.category_id, tagIds: t.tags.map((g) => g.id), addedAt: t.added_at, magnet: t.magnet, error: null,
  };
}

/** A row from a torrent.added/changed/progress event's status. */
export function fromStatus(s: any): Row {
  return {
    id: s.info_hash, name: s.name ?? s.info_hash, state: s.state ?? derivedState(s), totalBytes: s.total_bytes ?? 0,
    bytesDone: s.bytes_done ?? 0, progress: s.progress ?? 0, downloadRate: s.download_rate ?? 0, uploadRate: s.upload_rate ?? 0,
    peers: s.peers ?? 0, seeds: s.seeds ?? 0, paused: !!s.paused, completed: !!s.completed, queued: !!s.queued,
    verifying: !!s.verifying, queuePosition: s.queue_position ?? 0, categoryId: s.category_id ?? null, tagIds: s.tag_ids ?? [],
    addedAt: s.added_at ?? 0, magnet: s.magnet ?? "", error: s.error ?? null,
  };
}

function derivedState(t: { paused: boolean; completed: boolean; queued: boolean; verifying: boolean }): string {
  return t.verifying ? "checking" : t.paused ? "paused" : t.queued ? "queued" : t.completed ? "seeding" : "downloading";
}

/** What the state column says: the engine's word, made readable. */
export function stateLabel(row: Row): string {
  if (row.error) return "error";
  if (row.verifying) return "checking";
  if (row.paused) return row.completed ? "completed" : "paused";
  if (row.queued) return "queued";
  if (row.completed) return "seeding";
  return row.state.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
}

export const priorityNames = ["skip", "normal", "high", "max"] as const;

/** qBittorrent's 0–7 scale as the client face names it: 0 skip, 7 max, 6 high, else normal. */
export function priorityName(p: number): (typeof priorityNames)[number] {
  return p <= 0 ? "skip" : p === 7 ? "max" : p === 6 ? "high" : "normal";
}
