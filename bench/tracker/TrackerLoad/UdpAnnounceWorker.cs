using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>
/// BEP 15 announces from one UDP socket. Without a <paramref name="connectionIdLifetime"/> every request is a
/// connect + announce pair (timed together); with one, the worker connects once per lifetime (or after an error) and
/// each request is one announce, timed alone.
/// </summary>
public sealed class UdpAnnounceWorker(IPEndPoint tracker, SwarmPopulation population, TimeSpan timeout, TimeSpan? connectionIdLifetime)
    : ILoadWorker
{
    public void Run(LoadBudget budget, WorkerTally tally)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
        };
        socket.Connect(tracker);
        var exchange = new UdpExchange(socket);
        var random = new Random();
        long? connectionId = null;
        var connectedAt = 0L;
        while (budget.TryTake())
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (connectionId is null || connectionIdLifetime is not { } lifetime || Stopwatch.GetElapsedTime(connectedAt) > lifetime)
                {
                    connectionId = exchange.Connect(random.Next());
                    connectedAt = Stopwatch.GetTimestamp();
                    if (connectionIdLifetime is not null)
                    {
                        tally.Connects++;
                        started = connectedAt;
                    }
                }
                if (connectionId is not { } id)
                {
                    tally.Failed("no connect response");
                    continue;
                }
                var answer = exchange.Announce(NewAnnounce(id, random));
                if (answer == UdpAnswer.Malformed)
                {
                    tally.Failed("malformed announce response");
                    continue;
                }
                tally.Answered(Stopwatch.GetTimestamp() - started, answer == UdpAnswer.Ok);
                if (answer == UdpAnswer.TrackerError)
                {
                    connectionId = null; // perhaps an expired connection id: connect again
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                tally.Timeouts++;
            }
            catch (SocketException ex)
            {
                tally.Failed(ex.SocketErrorCode.ToString());
                Thread.Sleep(10); // ICMP port unreachable: the server is down; do not spin
            }
        }
    }

    private UdpAnnounceRequest NewAnnounce(long connectionId, Random random)
    {
        var peer = population.Pick(random);
        return new UdpAnnounceRequest
        {
            ConnectionId = connectionId,
            TransactionId = random.Next(),
            InfoHash = peer.InfoHash,
            PeerId = peer.PeerId,
            Left = peer.Left,
            Key = (uint)peer.PeerId.GetHashCode(),
            NumWant = 50,
            Port = peer.Port,
        };
    }
}
