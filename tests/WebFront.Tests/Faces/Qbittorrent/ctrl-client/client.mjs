// Drives a Swarmgrid web front's qBittorrent face with @ctrl/qbittorrent, as Sonarr or Radarr would, and prints what it
// saw as one line "RESULT {json}". Arguments: a JSON object {baseUrl, username, password, torrent, savePath, category,
// otherCategory, tags, waitSeconds}.
import { readFile } from 'node:fs/promises';
import { QBittorrent } from '@ctrl/qbittorrent';

const args = JSON.parse(process.argv[2]);
const client = new QBittorrent({ baseUrl: args.baseUrl, username: args.username, password: args.password, timeout: 15000 });
const result = {};

result.login = await client.login();
result.appVersion = await client.getAppVersion();
result.apiVersion = await client.getApiVersion();
const preferences = await client.getPreferences();
result.preferences = { save_path: preferences.save_path, max_ratio_enabled: preferences.max_ratio_enabled, queueing_enabled: preferences.queueing_enabled };

await client.createCategory(args.category, args.savePath);
result.categories = Object.keys(await client.getCategories());
const torrent = await readFile(args.torrent);
result.added = await client.addTorrent(torrent, { category: args.category, tags: args.tags.join(','), savepath: args.savePath });
const { hash } = args;
result.byCategory = (await client.listTorrents({ category: args.category })).map(t => ({ hash: t.hash, category: t.category, tags: t.tags }));
const properties = await client.torrentProperties(hash);
result.properties = { save_path: properties.save_path, total_size: properties.total_size };

const deadline = Date.now() + args.waitSeconds * 1000;
let last;
while (Date.now() < deadline) {
  last = await client.getTorrent(hash);
  if (last.isCompleted) {
    break;
  }
  await new Promise(resolve => setTimeout(resolve, 500));
}
result.completed = { isCompleted: last.isCompleted, progress: last.progress, state: last.state, stateMessage: last.stateMessage, raw: last.raw.state };

await client.createCategory(args.otherCategory);
result.setCategory = await client.setTorrentCategory(hash, args.otherCategory);
result.afterSetCategory = (await client.listTorrents({ hashes: hash }))[0]?.category;
result.removed = await client.removeTorrent(hash, true);
result.afterRemove = (await client.listTorrents({ hashes: hash })).length;
await client.removeCategory([args.category, args.otherCategory].join('\n'));

console.log('RESULT ' + JSON.stringify(result));
