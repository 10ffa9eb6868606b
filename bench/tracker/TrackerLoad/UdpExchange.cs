using System.Net.Sockets;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>
/// One BEP 15 request and its answer on a connected UDP socket. The socket's receive timeout bounds the wait (a lost
/// packet surfaces as a <see cref="SocketException"/> with <see cref="SocketError.TimedOut"/>); answers to other
/// transactions, late ones after an earlier timeout, are skipped.
/// </summary>
public sealed class UdpExchange(Socket socket)
{
    private readonly byte[] request = new byte[UdpAnnounceRequest.Size];
    private readonly byte[] answer = new byte[2048];

    /// <summary>A fresh connection id, or null when the tracker answered with something else.</summary>
    public long? Connect(int transactionId)
    {
        var length = new UdpConnectRequest(transactionId).Encode(request);
        var answered = Exchange(length, transactionId);
        return UdpConnectResponse.TryDecode(answered, out var response) ? response.ConnectionId : null;
    }

    public UdpAnswer Announce(in UdpAnnounceRequest announce)
    {
        var length = announce.Encode(request);
        var answered = Exchange(length, announce.TransactionId);
        if (UdpAnnounceResponse.TryDecode(answered, out _, out var peers) && peers.Length % 6 == 0)
        {
            return UdpAnswer.Ok;
        }
        return UdpResponseHeader.TryRead(answered, out var header) && header.Action == UdpTrackerAction.Error
            ? UdpAnswer.TrackerError
            : UdpAnswer.Malformed;
    }

    private ReadOnlySpan<byte> Exchange(int requestLength, int transactionId)
    {
        socket.Send(request.AsSpan(0, requestLength));
        while (true)
        {
            var received = socket.Receive(answer);
            var packet = answer.AsSpan(0, received);
            if (UdpResponseHeader.TryRead(packet, out var header) && header.TransactionId == transactionId)
            {
                return packet;
            }
        }
    }
}

public enum UdpAnswer
{
    Ok,
    TrackerError,
    Malformed,
}
