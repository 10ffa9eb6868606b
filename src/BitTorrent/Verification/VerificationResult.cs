namespace Swarmgrid.BitTorrent.Verification;

/// <summary>The state of every piece, indexed like the torrent's pieces.</summary>
public sealed class VerificationResult(PieceState[] pieces)
{
    public IReadOnlyList<PieceState> Pieces { get; } = pieces;

    public int GoodCount { get; } = pieces.Count(p => p == PieceState.Good);

    public int BadCount { get; } = pieces.Count(p => p == PieceState.Bad);

    public int MissingCount { get; } = pieces.Count(p => p == PieceState.Missing);

    public bool IsComplete => GoodCount == Pieces.Count;

    public override string ToString() => $"{GoodCount} good, {BadCount} bad, {MissingCount} missing of {Pieces.Count} pieces";
}
