using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>
/// Announces the way BitTorrent clients do over HTTP: one TCP connection per announce, read to the end (the server
/// closes it, so the TIME_WAIT stays on its side and the client's ephemeral ports do not run out).
/// </summary>
public sealed class HttpAnnounceWorker(IPEndPoint tracker, SwarmPopulation population, TimeSpan timeout) : ILoadWorker
{
    private const int ResponseBufferSize = 8192;

    public void Run(LoadBudget budget, WorkerTally tally)
    {
        var random = new Random();
        var request = new byte[HttpAnnounceRequestWriter.MaxSize];
        var response = new byte[ResponseBufferSize];
        var timeoutMs = (int)timeout.TotalMilliseconds;
        while (budget.TryTake())
        {
            var requestLength = HttpAnnounceRequestWriter.Write(request, population.Pick(random));
            var started = Stopwatch.GetTimestamp();
            try
            {
                var received = Exchange(request.AsSpan(0, requestLength), response, timeoutMs);
                var outcome = HttpResponseCheck.Classify(response.AsSpan(0, received));
                if (outcome == AnnounceOutcome.Malformed)
                {
                    tally.Failed(received == 0 ? "empty response" : "malformed response");
                }
                else
                {
                    tally.Answered(Stopwatch.GetTimestamp() - started, outcome == AnnounceOutcome.Ok);
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                tally.Timeouts++;
            }
            catch (SocketException ex)
            {
                tally.Failed(ex.SocketErrorCode.ToString());
                Thread.Sleep(10); // a refused or reset connection: do not spin while the server is down
            }
        }
    }

    private int Exchange(ReadOnlySpan<byte> request, byte[] response, int timeoutMs)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = timeoutMs,
            SendTimeout = timeoutMs,
        };
        socket.Connect(tracker);
        socket.Send(request);
        var received = 0;
        int read;
        while ((read = socket.Receive(response.AsSpan(received))) > 0)
        {
            received += read;
            if (received == response.Length)
            {
                break;
            }
        }
        return received;
    }
}
