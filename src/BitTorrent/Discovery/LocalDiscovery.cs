using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Discovery;

/// <summary>
/// Local service discovery (BEP 14): announces info-hashes with our TCP port to a multicast group and hears others'
/// announces there. Our own announces come back to us (multicast loopback) and are recognised by our cookie.
/// Incoming announces are rate-limited per sender; what they name goes to <see cref="PeerFound"/>.
/// </summary>
public sealed class LocalDiscovery : IAsyncDisposable
{
    private readonly UdpClient socket;
    private readonly CancellationTokenSource closing = new();
    private readonly string cookie = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly Dictionary<IPAddress, long> lastHeard = [];
    private readonly HashSet<TrackerHash> announced = [];
    private readonly TimeProvider time;
    private readonly Task receiving;

    public LocalDiscovery(LocalDiscoverySettings settings, TimeProvider? time = null)
    {
        Settings = settings;
        this.time = time ?? TimeProvider.System;
        var group = settings.Group;
        var multicast = group.Address.IsIPv6Multicast || (group.AddressFamily == AddressFamily.InterNetwork && (group.Address.GetAddressBytes()[0] & 0xF0) == 224);
        socket = new UdpClient(group.AddressFamily);
        socket.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        if (multicast)
        {
            socket.Client.Bind(new IPEndPoint(group.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, group.Port));
            socket.JoinMulticastGroup(group.Address);
            socket.MulticastLoopback = true;
            socket.Client.SetSocketOption(group.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP,
                SocketOptionName.MulticastTimeToLive, settings.MulticastTtl);
        }
        else
        {
            socket.Client.Bind(group);
        }
        receiving = Task.Run(ReceiveLoopAsync);
    }

    public LocalDiscoverySettings Settings { get; }

    /// <summary>Raised (on a pool thread) with the info-hash and the peer's endpoint for each info-hash of another's announce.</summary>
    public event Action<TrackerHash, IPEndPoint>? PeerFound;

    /// <summary>Announces sent, and announces of others heard.</summary>
    public int Sent { get; private set; }

    public int Heard { get; private set; }

    /// <summary>Every info-hash announced so far.</summary>
    public IReadOnlyCollection<TrackerHash> Announced
    {
        get
        {
            lock (announced)
            {
                return [.. announced];
            }
        }
    }

    /// <summary>Announces <paramref name="infoHashes"/> with TCP <paramref name="port"/>, twenty info-hashes a datagram.</summary>
    public async Task AnnounceAsync(IReadOnlyList<TrackerHash> infoHashes, int port, CancellationToken cancellationToken = default)
    {
        var group = Settings.Group;
        var host = group.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{group.Address}]:{group.Port}" : group.ToString();
        foreach (var chunk in infoHashes.Chunk(LsdMessage.MaxInfoHashes))
        {
            var datagram = new LsdMessage(host, port, chunk, cookie).Encode();
            try
            {
                await socket.SendAsync(datagram, group, cancellationToken);
                Sent++;
                lock (announced)
                {
                    announced.UnionWith(chunk);
                }
            }
            catch (SocketException)
            {
                // No route to the group (no network interface with multicast): nothing is heard either.
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await socket.ReceiveAsync(closing.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (!LsdMessage.TryDecode(datagram.Buffer, out var message) || message!.Cookie == cookie || !Accept(datagram.RemoteEndPoint.Address))
            {
                continue;
            }
            Heard++;
            var address = datagram.RemoteEndPoint.Address.IsIPv4MappedToIPv6 ? datagram.RemoteEndPoint.Address.MapToIPv4() : datagram.RemoteEndPoint.Address;
            foreach (var hash in message.InfoHashes)
            {
                PeerFound?.Invoke(hash, new IPEndPoint(address, message.Port));
            }
        }
    }

    /// <summary>At most twenty announces a second per sender (a sender with many torrents sends a few datagrams); the table of senders is bounded.</summary>
    private bool Accept(IPAddress sender)
    {
        var now = time.GetTimestamp();
        if (lastHeard.TryGetValue(sender, out var at) && time.GetElapsedTime(at, now) < TimeSpan.FromSeconds(1) / LsdMessage.MaxInfoHashes)
        {
            return false;
        }
        if (lastHeard.Count >= 1024)
        {
            lastHeard.Clear();
        }
        lastHeard[sender] = now;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        socket.Dispose();
        await receiving;
        closing.Dispose();
    }
}
