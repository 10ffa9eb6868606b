namespace Swarmgrid.BitTorrent.Creation;

/// <summary>Picks a piece length the way mktorrent and libtorrent do in spirit: about 1000 to 2000 pieces.</summary>
public static class PieceLengthChooser
{
    public const int Minimum = 16 * 1024;
    public const int Maximum = 16 * 1024 * 1024;
    public const int TargetMaxPieces = 2000;

    /// <summary>The smallest power of two in [16 KiB, 16 MiB] that keeps the piece count at or below 2000.</summary>
    public static int Choose(long totalSize)
    {
        var pieceLength = Minimum;
        while (pieceLength < Maximum && (totalSize + pieceLength - 1) / pieceLength > TargetMaxPieces)
        {
            pieceLength *= 2;
        }
        return pieceLength;
    }
}
