-- The catalog: the registry (tracker face) and the library (library face) read these tables.
CREATE TABLE registry_entries (
    info_hash    TEXT  PRIMARY KEY,
    v1_info_hash TEXT,
    swarm_key    TEXT,
    name         TEXT         NOT NULL,
    description  TEXT,
    publisher    TEXT,
    license      TEXT,
    size         INTEGER,
    category     TEXT,
    tags         TEXT,
    verified     INTEGER      NOT NULL DEFAULT 0,
    torrent      BLOB,
    meta         TEXT,
    created_at   TEXT  NOT NULL,
    updated_at   TEXT  NOT NULL
);

CREATE INDEX registry_entries_by_created ON registry_entries (created_at DESC);
CREATE INDEX registry_entries_by_swarm ON registry_entries (swarm_key);
CREATE INDEX registry_entries_by_v1 ON registry_entries (v1_info_hash);

CREATE TABLE registry_blocklist (
    info_hash  TEXT PRIMARY KEY,
    reason     TEXT,
    blocked_at TEXT NOT NULL
);

-- Live swarm figures, written in batches by the swarm grains (one row per 20-byte wire hash).
CREATE TABLE swarm_stats (
    swarm_key   TEXT PRIMARY KEY,
    seeders     INTEGER     NOT NULL,
    leechers    INTEGER     NOT NULL,
    completions INTEGER      NOT NULL,
    updated_at  TEXT NOT NULL
);
