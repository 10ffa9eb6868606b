using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Hashes finished pieces off the network threads, writes the good ones and announces them to every peer, and
/// blames the senders of bad ones (banning repeat offenders through the <see cref="BanList"/>).
/// </summary>
internal sealed class PieceVerifier(TorrentManager owner)
{
    /// <summary>Checks <paramref name="piece"/> on the thread pool. Under the lock.</summary>
    public void Submit(PartialPiece piece) => _ = Task.Run(() => VerifyAndStore(piece));

    private void VerifyAndStore(PartialPiece piece)
    {
        try
        {
            var opened = owner.Storage!;
            var data = piece.Buffer.AsSpan(0, piece.Size);
            var good = PieceHashCheck.IsValid(opened.Torrent, opened.Layout, piece.Index, data);
            if (good)
            {
                opened.Write((long)piece.Index * opened.Layout.PieceLength, data);
            }
            lock (owner.Gate)
            {
                if (good)
                {
                    OnVerified(piece.Index);
                }
                else
                {
                    OnFailed(piece);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (owner.Gate)
            {
                owner.OnStorageFailed(ex);
            }
        }
        finally
        {
            piece.Release();
        }
    }

    private void OnVerified(int piece)
    {
        var picker = owner.Picker!;
        picker.MarkVerified(piece);
        owner.ResumeDirty = true;
        foreach (var peer in owner.Peers)
        {
            if (peer.Has is null || !peer.Has[piece])
            {
                peer.Send(PeerMessage.Have(piece));
            }
            if (peer.AmInterested)
            {
                owner.Transfer.UpdateInterest(peer);
            }
        }
        if (picker.IsComplete && owner.CurrentState == TorrentState.Downloading)
        {
            owner.OnCompleted();
            foreach (var peer in owner.Peers.Where(p => p.IsSeed).ToList())
            {
                peer.Close();
            }
        }
    }

    private void OnFailed(PartialPiece piece)
    {
        owner.HashFailures++;
        var picker = owner.Picker!;
        picker.MarkFailed(piece.Index);
        foreach (var contributor in piece.Contributors.OfType<PeerConnection>())
        {
            if (owner.Bans.Strike(contributor.Endpoint.Address, piece.Contributors.Count == 1, owner.Engine.Settings.BadPiecesBeforeBan))
            {
                // Its blocks in pieces still downloading would fail those pieces too, and blame whoever completes them.
                picker.DiscardBlocksFrom(contributor);
                contributor.Close();
            }
        }
        foreach (var peer in owner.Peers)
        {
            owner.Transfer.FillRequests(peer);
        }
    }
}
