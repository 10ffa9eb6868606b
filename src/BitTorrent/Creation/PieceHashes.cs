namespace Swarmgrid.BitTorrent.Creation;

/// <summary>
/// What hashing produced, indexed by stream piece: SHA-1 hashes (v1) and, for v2, each piece's merkle subtree root
/// (for a file of one piece, the file's root).
/// </summary>
internal sealed record PieceHashes(byte[] V1, byte[] V2);
