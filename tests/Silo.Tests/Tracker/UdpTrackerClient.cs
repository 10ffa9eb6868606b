using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>A BEP 15 client over a real UDP socket (sending from <paramref name="local"/>, 127.0.0.1 unless given), for tests.</summary>
public sealed class UdpTrackerClient(int port, IPAddress? local = null) : IDisposable
{
    private readonly UdpClient socket = new(new IPEndPoint(local ?? IPAddress.Loopback, 0));
    private readonly IPEndPoint tracker = new(IPAddress.Loopback, port);

    public Task<byte[]?> ExchangeAsync(byte[] packet, TimeSpan? timeout = null) => ExchangeViaAsync(port, packet, timeout);

    /// <summary>
    /// Sends from this client's socket to another tracker port on loopback and waits for the answer. As a real client
    /// does, it skips late answers to earlier requests: a well-formed request's answer carries its transaction id.
    /// </summary>
    public async Task<byte[]?> ExchangeViaAsync(int trackerPort, byte[] packet, TimeSpan? timeout = null)
    {
        await socket.SendAsync(packet, trackerPort == port ? tracker : new IPEndPoint(IPAddress.Loopback, trackerPort));
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(3));
        try
        {
            while (true)
            {
                var answer = (await socket.ReceiveAsync(cancellation.Token)).Buffer;
                if (packet.Length < 16 || answer.Length < 8 || answer.AsSpan(4, 4).SequenceEqual(packet.AsSpan(12, 4)))
                {
                    return answer;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<long> ConnectAsync()
    {
        var request = new byte[UdpConnectRequest.Size];
        new UdpConnectRequest(42).Encode(request);
        Assert.True(UdpConnectResponse.TryDecode(await ExchangeAsync(request), out var response));
        Assert.Equal(42, response.TransactionId);
        return response.ConnectionId;
    }

    public static byte[] AnnouncePacket(long connectionId, byte[] infoHash, int peer, ushort port, long left, int transactionId = 7,
        TrackerEvent announceEvent = TrackerEvent.Started, int numWant = -1)
    {
        var packet = new byte[UdpAnnounceRequest.Size];
        new UdpAnnounceRequest
        {
            ConnectionId = connectionId,
            TransactionId = transactionId,
            InfoHash = TrackerHash.FromBytes(infoHash),
            PeerId = TrackerHash.FromBytes(AnnounceUrl.PeerId(peer)),
            Left = left,
            Event = announceEvent,
            NumWant = numWant,
            Port = port,
        }.Encode(packet);
        return packet;
    }

    public void Dispose() => socket.Dispose();
}
