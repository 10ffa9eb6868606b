namespace Swarmgrid.BitTorrent.Client;

/// <summary>A web seed (BEP 19) of a torrent and how it is doing.</summary>
/// <param name="Url">The URL from the torrent's <c>url-list</c> or the magnet link's <c>ws=</c>.</param>
/// <param name="Downloaded">Block bytes it delivered.</param>
/// <param name="Failures">Requests that failed in a row.</param>
/// <param name="BadPieces">Pieces with its bytes that failed their hash check.</param>
/// <param name="Disabled">No longer asked: too many failures or bad pieces.</param>
/// <param name="Error">The last failure.</param>
public sealed record WebSeedInfo(string Url, long Downloaded, int Failures, int BadPieces, bool Disabled, string? Error);
