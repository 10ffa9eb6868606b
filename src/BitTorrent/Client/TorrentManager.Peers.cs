using System.Net;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

public sealed partial class TorrentManager
{
    private const int MaxBlockRequest = 128 * 1024;

    /// <summary>The handshake this torrent sends.</summary>
    internal Handshake OwnHandshake =>
        new(Handshake.ExtensionProtocolBit | Handshake.FastExtensionBit | (torrent?.Version == TorrentVersionV2Only ? Handshake.V2UpgradeBit : 0),
            WireHash, engine.PeerId);

    private static Metainfo.TorrentVersion TorrentVersionV2Only => Metainfo.TorrentVersion.V2;

    private void ConnectMore(CancellationToken cancellationToken)
    {
        List<IPEndPoint> targets;
        lock (gate)
        {
            var room = engine.Settings.MaxConnectionsPerTorrent - peers.Count - connecting.Count;
            if (room <= 0 || (picker is not null && picker.IsComplete))
            {
                return;
            }
            targets = candidates
                .Where(c => !connecting.Contains(c) && !banned.Contains(Normalize(c.Address)) && !engine.IsBlocked(c.Address)
                    && !engine.IsSelf(c) && !peers.Exists(p => p.Endpoint.Equals(c)))
                .Take(room)
                .ToList();
            foreach (var target in targets)
            {
                connecting.Add(target);
                candidates.Remove(target);
            }
        }
        foreach (var target in targets)
        {
            _ = ConnectAsync(target, cancellationToken);
        }
    }

    private async Task ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Stream? stream = null;
        try
        {
            stream = await engine.Connector.ConnectAsync(endpoint, cancellationToken);
            var own = new byte[Handshake.Size];
            OwnHandshake.Encode(own);
            await stream.WriteAsync(own, cancellationToken);
            var reader = new PeerMessageReader(stream);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var remote = await reader.ReadHandshakeAsync(timeout.Token);
            if (remote.InfoHash != WireHash || remote.PeerId == engine.PeerId)
            {
                throw new PeerProtocolException("the peer answered for another torrent, or is ourselves");
            }
            var connection = new PeerConnection(stream, reader, endpoint, remote, incoming: false, engine.Time);
            stream = null;
            lock (gate)
            {
                connecting.Remove(endpoint);
            }
            await RunPeerAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or PeerProtocolException or OperationCanceledException
            or ObjectDisposedException)
        {
        }
        finally
        {
            stream?.Dispose();
            lock (gate)
            {
                connecting.Remove(endpoint);
            }
        }
    }

    /// <summary>Takes over an incoming connection whose handshake named this torrent; our handshake is already sent.</summary>
    internal async Task AcceptAsync(Stream stream, PeerMessageReader reader, Handshake remote, IPEndPoint endpoint)
    {
        CancellationToken token;
        lock (gate)
        {
            if (running is null || banned.Contains(Normalize(endpoint.Address)) || peers.Count >= engine.Settings.MaxConnectionsPerTorrent)
            {
                stream.Dispose();
                return;
            }
            token = running.Token;
        }
        try
        {
            await RunPeerAsync(new PeerConnection(stream, reader, endpoint, remote, incoming: true, engine.Time), token);
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task RunPeerAsync(PeerConnection peer, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (peers.Count >= engine.Settings.MaxConnectionsPerTorrent || peers.Exists(p => p.Remote.PeerId == peer.Remote.PeerId))
            {
                peer.Close();
                return;
            }
            peers.Add(peer);
            peer.QueueDepth = engine.Settings.InitialRequestQueueDepth;
            SendOpening(peer);
        }
        var writer = Task.Run(() => peer.RunWriterAsync(ReadBlock, UploadLimit, block => uploadMeter.Add(block.Length)), CancellationToken.None);
        using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, peer.Closing);
        try
        {
            while (await peer.Reader.ReadAsync(link.Token) is { } message)
            {
                if (message.Id == PeerMessageId.Piece)
                {
                    await DownloadLimit.TakeAsync(message.BlockLength, link.Token);
                }
                lock (gate)
                {
                    Handle(peer, message);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or EndOfStreamException or OperationCanceledException
            or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
        }
        finally
        {
            peer.Close();
            lock (gate)
            {
                peers.Remove(peer);
                picker?.Release(peer);
                if (peer.Has is not null)
                {
                    picker?.AddAvailability(peer.Has, -1);
                }
                if (!peer.IsIncoming && !banned.Contains(Normalize(peer.Endpoint.Address)) && !(peer.IsSeed && (picker?.IsComplete ?? false)))
                {
                    candidates.Add(peer.Endpoint);
                }
            }
            await writer;
            await peer.DisposeAsync();
        }
    }

    private void SendOpening(PeerConnection peer)
    {
        var fast = peer.Remote.SupportsFastExtension;
        if (picker is null || picker.Have.NoneSet)
        {
            if (fast)
            {
                peer.Send(PeerMessage.HaveNone);
            }
        }
        else if (picker.Have.AllSet && fast)
        {
            peer.Send(PeerMessage.HaveAll);
        }
        else
        {
            peer.Send(PeerMessage.Bitfield(picker.Have.Span.ToArray()));
        }
        if (peer.Remote.SupportsExtensionProtocol)
        {
            var handshake = new ExtensionHandshake
            {
                Extensions = new Dictionary<string, byte> { ["ut_metadata"] = MetadataExtensionId, ["ut_pex"] = PexExtensionId },
                MetadataSize = torrent?.RawInfo.Length,
                ListenPort = engine.ListenPort > 0 ? (ushort)engine.ListenPort : null,
                ClientName = engine.Settings.ClientName,
                RequestQueueLength = 2000,
            };
            peer.Send(PeerMessage.Extended(0, handshake.Encode()));
        }
    }

    private bool ReadBlock(BlockRequest block, byte[] buffer)
    {
        var opened = storage;
        return opened is not null && opened.TryRead((long)block.Piece * opened.Layout.PieceLength + block.Begin, buffer.AsSpan(0, block.Length));
    }

    private void Handle(PeerConnection peer, PeerMessage message)
    {
        switch (message.Id)
        {
            case PeerMessageId.Choke:
                peer.PeerChoking = true;
                if (!peer.Remote.SupportsFastExtension)
                {
                    ReleaseRequests(peer);
                }
                break;
            case PeerMessageId.Unchoke:
                peer.PeerChoking = false;
                FillRequests(peer);
                break;
            case PeerMessageId.Interested:
                peer.PeerInterested = true;
                if (peer.AmChoking && peers.Count(p => !p.AmChoking) < engine.Settings.UnchokeSlots)
                {
                    SetChoke(peer, false);
                }
                break;
            case PeerMessageId.NotInterested:
                peer.PeerInterested = false;
                break;
            case PeerMessageId.Have:
                OnHave(peer, message.PieceIndex);
                break;
            case PeerMessageId.Bitfield:
                OnBitfield(peer, message.Payload.ToArray(), haveAll: false);
                break;
            case PeerMessageId.HaveAll:
                OnBitfield(peer, null, haveAll: true);
                break;
            case PeerMessageId.HaveNone:
                OnBitfield(peer, null, haveAll: false);
                break;
            case PeerMessageId.Request:
                OnRequest(peer, new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength));
                break;
            case PeerMessageId.Piece:
                OnBlock(peer, message);
                break;
            case PeerMessageId.Reject:
                var rejected = new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength);
                if (peer.Requested.Remove(rejected))
                {
                    picker?.Release(peer, rejected);
                }
                break;
            case PeerMessageId.AllowedFast:
                peer.AllowedFast.Add(message.PieceIndex);
                break;
            case PeerMessageId.Extended:
                OnExtended(peer, message);
                break;
        }
    }

    private void ReleaseRequests(PeerConnection peer)
    {
        peer.Requested.Clear();
        picker?.Release(peer);
    }

    private void OnHave(PeerConnection peer, int piece)
    {
        if (torrent is null)
        {
            peer.PendingHaves.Add(piece);
            return;
        }
        if (piece >= torrent.PieceCount)
        {
            throw new PeerProtocolException($"have for piece {piece} of {torrent.PieceCount}");
        }
        peer.Has ??= new Bitfield(torrent.PieceCount);
        if (!peer.Has[piece])
        {
            peer.Has[piece] = true;
            picker?.AddAvailability(piece, 1);
            UpdateInterest(peer);
        }
    }

    private void OnBitfield(PeerConnection peer, byte[]? bits, bool haveAll)
    {
        if (torrent is null)
        {
            peer.PendingBitfield = bits;
            peer.PendingHaveAll = haveAll;
            return;
        }
        if (peer.Has is not null)
        {
            picker?.AddAvailability(peer.Has, -1);
        }
        Bitfield has;
        if (bits is not null)
        {
            if (!Bitfield.TryFrom(bits, torrent.PieceCount, out has))
            {
                throw new PeerProtocolException("a bitfield of the wrong length");
            }
        }
        else
        {
            has = new Bitfield(torrent.PieceCount);
            if (haveAll)
            {
                has.SetAll();
            }
        }
        peer.Has = has;
        picker?.AddAvailability(has, 1);
        UpdateInterest(peer);
    }

    private void AdoptPendingBits(PeerConnection peer)
    {
        if (peer.PendingBitfield is not null || peer.PendingHaveAll)
        {
            OnBitfield(peer, peer.PendingBitfield, peer.PendingHaveAll);
        }
        foreach (var piece in peer.PendingHaves)
        {
            OnHave(peer, piece);
        }
        peer.PendingHaves.Clear();
        peer.Has ??= new Bitfield(torrent!.PieceCount);
    }

    private void UpdateInterest(PeerConnection peer)
    {
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

    private void FillRequests(PeerConnection peer)
    {
        if (picker is null || peer.Has is null || !peer.AmInterested || (peer.PeerChoking && peer.AllowedFast.Count == 0))
        {
            return;
        }
        var rate = peer.Download.BytesPerSecond;
        var cap = Math.Min(engine.Settings.MaxRequestQueueDepth, peer.Extensions?.RequestQueueLength ?? 250);
        // Keep about three seconds of the peer's rate in flight, so the pipe never drains while a request travels.
        peer.QueueDepth = (int)Math.Clamp(Math.Max(engine.Settings.InitialRequestQueueDepth, rate * 3 / BlockRequest.BlockSize), 1, Math.Max(1, cap));
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

    private void OnRequest(PeerConnection peer, BlockRequest request)
    {
        var valid = picker is not null && storage is not null && request.Piece < torrent!.PieceCount && picker.Have[request.Piece]
            && request.Length is > 0 and <= MaxBlockRequest && (long)request.Begin + request.Length <= storage.Layout.PieceSize(request.Piece);
        if (valid && !peer.AmChoking)
        {
            peer.SendBlock(request);
        }
        else if (peer.Remote.SupportsFastExtension)
        {
            peer.Send(PeerMessage.Reject(request.Piece, request.Begin, request.Length));
        }
    }

    private void OnBlock(PeerConnection peer, PeerMessage message)
    {
        if (picker is null)
        {
            return;
        }
        var request = new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength);
        peer.Requested.Remove(request);
        peer.Download.Add(request.Length);
        downloadMeter.Add(request.Length);
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
            _ = Task.Run(() => VerifyAndStore(finished));
        }
        FillRequests(peer);
    }

    /// <summary>Hashes a finished piece off the network threads, writes it when good, and blames its senders when not.</summary>
    private void VerifyAndStore(PartialPiece piece)
    {
        try
        {
            var opened = storage!;
            var data = piece.Buffer.AsSpan(0, piece.Size);
            var good = PieceHashCheck.IsValid(opened.Torrent, opened.Layout, piece.Index, data);
            if (good)
            {
                opened.Write((long)piece.Index * opened.Layout.PieceLength, data);
            }
            lock (gate)
            {
                if (good)
                {
                    OnPieceVerified(piece.Index);
                }
                else
                {
                    OnPieceFailed(piece);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (gate)
            {
                state = TorrentState.Error;
                error = ex.Message;
            }
            completed.TrySetException(ex);
        }
        finally
        {
            piece.Release();
        }
    }

    private void OnPieceVerified(int piece)
    {
        picker!.MarkVerified(piece);
        resumeDirty = true;
        foreach (var peer in peers)
        {
            if (peer.Has is null || !peer.Has[piece])
            {
                peer.Send(PeerMessage.Have(piece));
            }
            if (peer.AmInterested)
            {
                UpdateInterest(peer);
            }
        }
        if (picker.IsComplete && state == TorrentState.Downloading)
        {
            state = TorrentState.Seeding;
            completed.TrySetResult();
            engine.RequestReschedule();
            foreach (var peer in peers.Where(p => p.IsSeed).ToList())
            {
                peer.Close();
            }
        }
    }

    private void OnPieceFailed(PartialPiece piece)
    {
        hashFailures++;
        picker!.MarkFailed(piece.Index);
        foreach (var contributor in piece.Contributors.OfType<PeerConnection>())
        {
            var address = Normalize(contributor.Endpoint.Address);
            badPieces[address] = badPieces.GetValueOrDefault(address) + 1;
            // A peer that alone supplied a bad piece is certainly at fault; sharing the blame takes more strikes.
            var strikes = piece.Contributors.Count == 1 ? badPieces[address] : badPieces[address] / 2;
            if (strikes >= engine.Settings.BadPiecesBeforeBan)
            {
                banned.Add(address);
                // Its blocks in pieces still downloading would fail those pieces too, and blame whoever completes them.
                picker.DiscardBlocksFrom(contributor);
                contributor.Close();
            }
        }
        foreach (var peer in peers)
        {
            FillRequests(peer);
        }
    }

    private void OnExtended(PeerConnection peer, PeerMessage message)
    {
        if (message.ExtendedId == 0)
        {
            if (ExtensionHandshake.TryDecode(message.Payload, out var handshake))
            {
                peer.Extensions = handshake;
                if (torrent is null && handshake.MetadataSize is { } size)
                {
                    metadata.TrySetSize(size);
                }
            }
            return;
        }
        if (message.ExtendedId == MetadataExtensionId && MetadataMessage.TryDecode(message.Payload, out var metadataMessage))
        {
            OnMetadata(peer, metadataMessage!);
        }
        else if (message.ExtendedId == PexExtensionId && PexMessage.TryDecode(message.Payload, out var pex) && torrent?.IsPrivate != true)
        {
            foreach (var added in pex!.Added.Take(50))
            {
                candidates.Add(added.ToIPEndPoint());
            }
        }
    }

    private void OnMetadata(PeerConnection peer, MetadataMessage message)
    {
        var theirId = peer.Extensions?.Extensions.GetValueOrDefault("ut_metadata") ?? 0;
        switch (message.Type)
        {
            case MetadataMessageType.Request when theirId != 0:
                var raw = torrent?.RawInfo;
                var offset = (long)message.Piece * MetadataMessage.PieceSize;
                var reply = raw is { } info && offset < info.Length
                    ? new MetadataMessage(MetadataMessageType.Data, message.Piece, info.Length,
                        info.Slice((int)offset, (int)Math.Min(MetadataMessage.PieceSize, info.Length - offset)))
                    : new MetadataMessage(MetadataMessageType.Reject, message.Piece);
                peer.Send(PeerMessage.Extended(theirId, reply.Encode()));
                break;
            case MetadataMessageType.Data when torrent is null:
                if (metadata.Add(message) is { } loaded)
                {
                    torrent = loaded;
                    state = TorrentState.Hashing;
                    var token = running?.Token ?? CancellationToken.None;
                    _ = Task.Run(() => InitializeAsync(loaded, token), token);
                }
                break;
        }
    }

    private void RequestMetadata()
    {
        if (torrent is not null || metadata.Size == 0)
        {
            return;
        }
        var now = engine.Time.GetTimestamp() / engine.Time.TimestampFrequency;
        foreach (var peer in peers)
        {
            var theirId = peer.Extensions?.Extensions.GetValueOrDefault("ut_metadata") ?? 0;
            if (theirId != 0 && peer.Extensions?.MetadataSize == metadata.Size && metadata.NextRequest(now, 10) is { } piece)
            {
                peer.Send(PeerMessage.Extended(theirId, new MetadataMessage(MetadataMessageType.Request, piece).Encode()));
            }
        }
    }

    /// <summary>
    /// Tit-for-tat: unchoke the interested peers that give us the most (when seeding: that take the most), keeping one
    /// slot for an optimistic unchoke that rotates every 30 seconds.
    /// </summary>
    private void RunChoker(bool rotateOptimistic)
    {
        var seeding = picker?.IsComplete ?? false;
        var interested = peers.Where(p => p.PeerInterested).ToList();
        var regular = interested
            .OrderByDescending(p => seeding ? p.Upload.BytesPerSecond : p.Download.BytesPerSecond)
            .Take(Math.Max(0, engine.Settings.UnchokeSlots - 1))
            .ToHashSet();
        var optimistic = interested.Where(p => !regular.Contains(p) && p.OptimisticSince != 0).FirstOrDefault();
        if (optimistic is null || rotateOptimistic)
        {
            if (optimistic is not null)
            {
                optimistic.OptimisticSince = 0;
            }
            var choked = interested.Where(p => !regular.Contains(p)).ToList();
            optimistic = choked.Count == 0 ? null : choked[Random.Shared.Next(choked.Count)];
            if (optimistic is not null)
            {
                optimistic.OptimisticSince = engine.Time.GetTimestamp();
            }
        }
        foreach (var peer in peers)
        {
            SetChoke(peer, !(regular.Contains(peer) || peer == optimistic));
        }
    }

    private static void SetChoke(PeerConnection peer, bool choke)
    {
        if (peer.AmChoking != choke)
        {
            peer.AmChoking = choke;
            peer.Send(choke ? PeerMessage.Choke : PeerMessage.Unchoke);
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
