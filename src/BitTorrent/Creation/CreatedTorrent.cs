using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>A freshly made torrent: the .torrent file's bytes and the same bytes loaded back.</summary>
public sealed record CreatedTorrent(byte[] Bytes, Torrent Torrent);
