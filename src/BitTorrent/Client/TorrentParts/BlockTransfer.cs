using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Blocks both ways: our interest and requests to each peer (sized to its rate), the blocks it sends back, and the
/// requests it makes of us. Called under the torrent's lock, except <see cref="ReadBlock"/> (peer writers).
/// </summary>
internal sealed class BlockTransfer(TorrentManager owner)
{
    private const int MaxBlockRequest = 128 * 1024;

    /// <summary>Requests a peer may have waiting at once (the <c>reqq</c> we announce); more are rejected.</summary>
    public const int MaxQueuedRequests = 2000;

    /// <summary>Reads a block a peer asked for, for its writer; false when the torrent has no storage.</summary>
    public bool ReadBlock(BlockRequest block, byte[] buffer)
    {
        var opened = owner.Storage;
        return opened is not null && opened.TryRead((long)block.Piece * opened.Layout.PieceLength + block.Begin, buffer.AsSpan(0, block.Length));
    }

    /// <summary>Tells the peer whether we want something it has, and asks for blocks if we do.</summary>
    public void UpdateInterest(PeerConnection peer)
    {
        var picker = owner.Picker;
        var interesting = picker is not null && peer.Has is not null && picker.IsInteresting(peer.Has);
        if (interesting != peer.AmInterested)
        {
            peer.AmInterested = interesting;
            peer.Send(interesting ? PeerMessage.Interested : PeerMessage.NotInterested);
        }
        if (interesting)
        {
            FillRequests(peer);
        }
    }

    /// <summary>Tops up the peer's outstanding requests to about three seconds of its rate.</summary>
    public void FillRequests(PeerConnection peer)
    {
        var picker = owner.Picker;
        if (picker is null || peer.Has is null || !peer.AmInterested || (peer.PeerChoking && peer.AllowedFast.Count == 0))
        {
            return;
        }
        var settings = owner.Engine.Settings;
        var rate = peer.Download.BytesPerSecond;
        var cap = Math.Min(settings.MaxRequestQueueDepth, peer.Extensions?.RequestQueueLength ?? 250);
        // Keep about three seconds of the peer's rate in flight, so the pipe never drains while a request travels.
        peer.QueueDepth = peer.IsSnubbed
            ? 1
            : (int)Math.Clamp(Math.Max(settings.InitialRequestQueueDepth, rate * 3 / BlockRequest.BlockSize), 1, Math.Max(1, cap));
        var need = peer.QueueDepth - peer.Requested.Count;
        if (need <= 0 || need < peer.QueueDepth / 8)
        {
            return;
        }
        var picks = picker.Pick(peer, peer.Has, need, peer.PeerChoking ? peer.AllowedFast : null);
        foreach (var request in picks)
        {
            peer.Requested.Add(request);
            peer.Send(PeerMessage.Request(request.Piece, request.Begin, request.Length));
        }
    }

    /// <summary>Forgets every request made to the peer, so others can take them.</summary>
    public void ReleaseRequests(PeerConnection peer)
    {
        peer.Requested.Clear();
        owner.Picker?.Release(peer);
    }

    public void OnReject(PeerConnection peer, BlockRequest rejected)
    {
        if (peer.Requested.Remove(rejected))
        {
            owner.Picker?.Release(peer, rejected);
        }
    }

    /// <summary>Serves a request when the peer is unchoked and the block is ours to give; rejects it otherwise (fast extension).</summary>
    public void OnRequest(PeerConnection peer, BlockRequest request)
    {
        var picker = owner.Picker;
        var storage = owner.Storage;
        var valid = picker is not null && storage is not null && request.Piece < owner.Loaded!.PieceCount && picker.Have[request.Piece]
            && request.Length is > 0 and <= MaxBlockRequest && (long)request.Begin + request.Length <= storage.Layout.PieceSize(request.Piece);
        if (valid && !peer.AmChoking && peer.QueuedBlockCount < MaxQueuedRequests)
        {
            // A duplicate of a request still queued gets its one answer from the first.
            peer.SendBlock(request);
        }
        else if (peer.Remote.SupportsFastExtension)
        {
            peer.Send(PeerMessage.Reject(request.Piece, request.Begin, request.Length));
        }
    }

    /// <summary>
    /// The peer no longer wants a block: it leaves the outbox unless already on its way. With the fast extension every
    /// request gets exactly one answer, so a cancelled one gets a reject (BEP 6).
    /// </summary>
    public void OnCancel(PeerConnection peer, BlockRequest request)
    {
        if (peer.CancelBlock(request) && peer.Remote.SupportsFastExtension)
        {
            peer.Send(PeerMessage.Reject(request.Piece, request.Begin, request.Length));
        }
    }

    /// <summary>We choked the peer: the blocks it asked for are not sent; with the fast extension each is rejected.</summary>
    public void OnChoked(PeerConnection peer)
    {
        foreach (var request in peer.CancelAllBlocks())
        {
            if (peer.Remote.SupportsFastExtension)
            {
                peer.Send(PeerMessage.Reject(request.Piece, request.Begin, request.Length));
            }
        }
    }

    /// <summary>
    /// Snubs a peer that has had requests outstanding, unchoked, with no block for <see cref="EngineSettings.SnubTimeout"/>:
    /// its requests are cancelled and go to other peers.
    /// </summary>
    public void CheckSnubbed(PeerConnection peer)
    {
        var time = owner.Engine.Time;
        if (peer.Requested.Count == 0 || peer.PeerChoking)
        {
            // The clock runs only while the peer owes us blocks.
            peer.LastBlockAt = time.GetTimestamp();
            return;
        }
        if (peer.IsSnubbed || time.GetElapsedTime(peer.LastBlockAt) < owner.Engine.Settings.SnubTimeout)
        {
            return;
        }
        peer.IsSnubbed = true;
        foreach (var request in peer.Requested)
        {
            peer.Send(PeerMessage.Cancel(request.Piece, request.Begin, request.Length));
        }
        ReleaseRequests(peer);
        foreach (var other in owner.Peers)
        {
            if (other != peer)
            {
                FillRequests(other);
            }
        }
    }

    /// <summary>Stores a block; cancels it at the other peers asked for it in endgame; hands a finished piece to the verifier.</summary>
    public void OnBlock(PeerConnection peer, PeerMessage message)
    {
        var picker = owner.Picker;
        if (picker is null)
        {
            return;
        }
        var request = new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength);
        peer.Requested.Remove(request);
        peer.LastBlockAt = owner.Engine.Time.GetTimestamp();
        peer.IsSnubbed = false;
        peer.Download.Add(request.Length);
        owner.DownloadMeter.Add(request.Length);
        var finished = picker.BlockReceived(peer, request.Piece, request.Begin, message.Payload.Span, out var cancelFrom);
        foreach (var other in cancelFrom ?? [])
        {
            if (other is PeerConnection duplicate && duplicate.Requested.Remove(request))
            {
                duplicate.Send(PeerMessage.Cancel(request.Piece, request.Begin, request.Length));
            }
        }
        if (finished is not null)
        {
            owner.Verifier.Submit(finished);
        }
        FillRequests(peer);
    }
}
