using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A torrent's connections: the endpoints to try (from trackers, peer exchange, the user), dialling them, taking over
/// incoming connections, and each peer's read loop from the handshake to the hang-up. State is guarded by the
/// torrent's lock.
/// </summary>
internal sealed class PeerConnections(TorrentManager owner)
{
    private readonly Dictionary<IPEndPoint, Candidate> candidates = [];
    private readonly HashSet<IPEndPoint> connecting = [];

    /// <summary>Endpoints remembered at most; beyond this new ones are ignored until some are dialled.</summary>
    private const int MaxCandidates = 2000;

    /// <summary>Failed dials after which a peer from a tracker, DHT or peer exchange is forgotten; the user's are kept.</summary>
    private const int MaxDialFailures = 5;

    /// <summary>The wait before dialling a peer again after its first failure; it doubles with each further one.</summary>
    private static readonly TimeSpan FirstRedialDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxRedialDelay = TimeSpan.FromSeconds(60);

    /// <summary>An endpoint to dial, where it came from, and how often dialling it has failed (not before <c>NotBefore</c>).</summary>
    private readonly record struct Candidate(PeerSource Source, int Failures, long NotBefore);

    private ClientEngine Engine => owner.Engine;

    /// <summary>Endpoints known and not connected. Under the lock.</summary>
    public int CandidateCount => candidates.Count;

    /// <summary>Remembers an endpoint to dial. Under the lock.</summary>
    public void AddCandidate(IPEndPoint endpoint, PeerSource source)
    {
        if (endpoint.Port is > 0 and <= ushort.MaxValue && candidates.Count < MaxCandidates)
        {
            candidates.TryAdd(Normalize(endpoint), new Candidate(source, 0, 0));
        }
    }

    /// <summary>Dials known endpoints while the torrent has room for more connections.</summary>
    public void ConnectMore(CancellationToken cancellationToken)
    {
        List<KeyValuePair<IPEndPoint, Candidate>> targets;
        lock (owner.Gate)
        {
            var room = Engine.Settings.MaxConnectionsPerTorrent - owner.Peers.Count - connecting.Count;
            if (room <= 0 || (owner.Picker is not null && owner.Picker.IsComplete))
            {
                return;
            }
            var now = Engine.Time.GetTimestamp();
            targets = candidates
                .Where(c => c.Value.NotBefore <= now && !connecting.Contains(c.Key) && !owner.Bans.IsBanned(c.Key.Address)
                    && !Engine.IsBlocked(c.Key.Address) && !Engine.IsSelf(c.Key)
                    && !owner.Peers.Exists(p => p.Endpoint.Equals(c.Key) || c.Key.Equals(p.ListenEndpoint)))
                .Take(room)
                .ToList();
            foreach (var target in targets)
            {
                connecting.Add(target.Key);
                candidates.Remove(target.Key);
            }
        }
        foreach (var (target, candidate) in targets)
        {
            _ = ConnectAsync(target, candidate, cancellationToken);
        }
    }

    /// <summary>Takes over an incoming connection whose handshake named this torrent; our handshake is already sent.</summary>
    public async Task AcceptAsync(Stream stream, PeerMessageReader reader, Handshake remote, IPEndPoint endpoint)
    {
        CancellationToken token;
        lock (owner.Gate)
        {
            if (!owner.IsRunning || owner.Bans.IsBanned(endpoint.Address) || owner.Peers.Count >= Engine.Settings.MaxConnectionsPerTorrent)
            {
                stream.Dispose();
                return;
            }
            token = owner.RunToken;
        }
        try
        {
            await RunPeerAsync(new PeerConnection(stream, reader, endpoint, remote, incoming: true, Engine.Time)
            {
                IsEncrypted = MseHandshake.IsEncrypted(stream),
            }, token);
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ConnectAsync(IPEndPoint endpoint, Candidate candidate, CancellationToken cancellationToken)
    {
        var source = candidate.Source;
        var dialled = false;
        try
        {
            var policy = Engine.Settings.Encryption;
            PeerConnection connection;
            try
            {
                connection = await DialAsync(endpoint, source, policy != EncryptionPolicy.Off, cancellationToken);
            }
            catch (Exception ex) when (policy == EncryptionPolicy.Prefer && !cancellationToken.IsCancellationRequested
                && ex is IOException or PeerProtocolException or OperationCanceledException)
            {
                // The peer took the connection but not the encrypted handshake: it speaks plaintext only.
                connection = await DialAsync(endpoint, source, encrypt: false, cancellationToken);
            }
            dialled = true;
            lock (owner.Gate)
            {
                connecting.Remove(endpoint);
            }
            await RunPeerAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or PeerProtocolException or OperationCanceledException
            or ObjectDisposedException)
        {
        }
        finally
        {
            lock (owner.Gate)
            {
                connecting.Remove(endpoint);
                if (!dialled && !cancellationToken.IsCancellationRequested)
                {
                    RememberFailedDial(endpoint, candidate);
                }
            }
        }
    }

    /// <summary>
    /// Keeps a peer that refused or did not answer, to dial again after a wait that doubles with each failure: a seed
    /// still checking its files, or restarting, is not lost. Under the lock.
    /// </summary>
    private void RememberFailedDial(IPEndPoint endpoint, Candidate candidate)
    {
        var failures = candidate.Failures + 1;
        if ((failures >= MaxDialFailures && candidate.Source != PeerSource.Manual) || candidates.Count >= MaxCandidates)
        {
            return;
        }
        var delay = TimeSpan.FromTicks(Math.Min(MaxRedialDelay.Ticks, FirstRedialDelay.Ticks << Math.Min(failures - 1, 10)));
        var notBefore = Engine.Time.GetTimestamp() + (long)(delay.TotalSeconds * Engine.Time.TimestampFrequency);
        candidates.TryAdd(endpoint, candidate with { Failures = failures, NotBefore = notBefore });
    }

    /// <summary>Connects and handshakes, inside an encrypted handshake (MSE) when <paramref name="encrypt"/>, within ten seconds.</summary>
    private async Task<PeerConnection> DialAsync(IPEndPoint endpoint, PeerSource source, bool encrypt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var stream = await Engine.Connector.ConnectAsync(endpoint, timeout.Token);
        try
        {
            var own = new byte[Handshake.Size];
            owner.OwnHandshake.Encode(own);
            if (encrypt)
            {
                stream = await MseHandshake.InitiateAsync(stream, owner.WireHash, Engine.Settings.Encryption, own, timeout.Token);
            }
            else
            {
                await stream.WriteAsync(own, timeout.Token);
            }
            var reader = new PeerMessageReader(stream);
            var remote = await reader.ReadHandshakeAsync(timeout.Token);
            if (remote.InfoHash != owner.WireHash || remote.PeerId == Engine.PeerId)
            {
                throw new PeerProtocolException("the peer answered for another torrent, or is ourselves");
            }
            return new PeerConnection(stream, reader, endpoint, remote, incoming: false, Engine.Time)
            {
                Source = source,
                IsEncrypted = MseHandshake.IsEncrypted(stream),
            };
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private async Task RunPeerAsync(PeerConnection peer, CancellationToken cancellationToken)
    {
        lock (owner.Gate)
        {
            // The blocklist is checked again here: one loaded while the handshake ran must keep the peer out too.
            if (owner.Peers.Count >= Engine.Settings.MaxConnectionsPerTorrent || owner.Peers.Exists(p => p.Remote.PeerId == peer.Remote.PeerId)
                || Engine.IsBlocked(peer.Endpoint.Address))
            {
                peer.Close();
                return;
            }
            owner.Peers.Add(peer);
            peer.QueueDepth = Engine.Settings.InitialRequestQueueDepth;
            owner.Dispatcher.SendOpening(peer);
        }
        var writer = Task.Run(() => peer.RunWriterAsync(owner.Transfer.ReadBlock, owner.UploadLimit, block => owner.UploadMeter.Add(block.Length)),
            CancellationToken.None);
        using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, peer.Closing);
        try
        {
            while (await peer.Reader.ReadAsync(link.Token) is { } message)
            {
                peer.MarkReceived();
                if (message.Id == PeerMessageId.Piece)
                {
                    await owner.DownloadLimit.TakeAsync(message.BlockLength, link.Token);
                }
                lock (owner.Gate)
                {
                    owner.Dispatcher.Handle(peer, message);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or EndOfStreamException or OperationCanceledException
            or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            peer.Close();
            lock (owner.Gate)
            {
                OnDisconnected(peer);
            }
            await writer;
            await peer.DisposeAsync();
        }
    }

    /// <summary>
    /// Once a second: disconnects peers silent past <see cref="EngineSettings.PeerIdleTimeout"/>, sends keep-alives to
    /// peers we have been quiet with, and snubs peers that sit on our requests. Under the lock.
    /// </summary>
    public void Housekeeping()
    {
        var time = Engine.Time;
        var settings = Engine.Settings;
        foreach (var peer in owner.Peers)
        {
            if (time.GetElapsedTime(peer.LastReceived) >= settings.PeerIdleTimeout)
            {
                // The read loop ends and removes the peer.
                peer.Close();
                continue;
            }
            if (time.GetElapsedTime(peer.LastSent) >= settings.KeepAliveInterval)
            {
                peer.Send(PeerMessage.KeepAlive);
            }
            owner.Transfer.CheckSnubbed(peer);
        }
    }

    /// <summary>Closes the connected peers the engine's blocklist now names; their read loops remove them. Under the lock.</summary>
    public void DropBlocked()
    {
        foreach (var peer in owner.Peers)
        {
            if (Engine.IsBlocked(peer.Endpoint.Address))
            {
                peer.Close();
            }
        }
    }

    private void OnDisconnected(PeerConnection peer)
    {
        owner.Peers.Remove(peer);
        owner.Picker?.Release(peer);
        if (peer.Has is not null)
        {
            owner.Picker?.AddAvailability(peer.Has, -1);
        }
        if (!peer.IsIncoming && !owner.Bans.IsBanned(peer.Endpoint.Address) && !(peer.IsSeed && (owner.Picker?.IsComplete ?? false)))
        {
            candidates.TryAdd(peer.Endpoint, new Candidate(peer.Source, 0, 0));
        }
    }

    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
