namespace Swarmgrid.BitTorrent.Client;

/// <summary>One block of a piece: the unit of requests (16 KiB except at the end of a piece).</summary>
public readonly record struct BlockRequest(int Piece, int Begin, int Length)
{
    public const int BlockSize = 16 * 1024;
}
