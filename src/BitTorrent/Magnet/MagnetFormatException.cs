namespace Swarmgrid.BitTorrent.Magnet;

/// <summary>A magnet link that cannot be used: wrong scheme, no or malformed info-hash, contradictory hashes.</summary>
public sealed class MagnetFormatException(string message) : FormatException($"Invalid magnet link: {message}");
