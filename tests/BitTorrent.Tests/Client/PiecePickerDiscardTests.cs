using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>Blocks from a banned peer leave the pieces still downloading, so they cannot spoil them.</summary>
public sealed class PiecePickerDiscardTests
{
    private const int PieceSize = 4 * BlockRequest.BlockSize;

    [Fact]
    public void Discarded_blocks_are_asked_for_again_and_their_sender_is_no_longer_a_contributor()
    {
        var picker = new PiecePicker(new Bitfield(1), [1], _ => PieceSize);
        var all = new Bitfield(1);
        all.SetAll();
        object banned = new(), honest = new();
        var first = picker.Pick(banned, all, 2);
        foreach (var block in first)
        {
            picker.BlockReceived(banned, block.Piece, block.Begin, new byte[block.Length], out _);
        }

        picker.DiscardBlocksFrom(banned);
        var requests = picker.Pick(honest, all, 4);
        PartialPiece? finished = null;
        foreach (var block in requests)
        {
            finished = picker.BlockReceived(honest, block.Piece, block.Begin, new byte[block.Length], out _) ?? finished;
        }

        Assert.Equal(4, requests.Count);
        Assert.NotNull(finished);
        Assert.Equal([honest], finished.Contributors);
    }
}
