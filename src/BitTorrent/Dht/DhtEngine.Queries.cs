using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>Answering queries from other nodes.</summary>
public sealed partial class DhtEngine
{
    /// <summary>Peers in one get_peers answer: about 50 compact peers keep it under a UDP datagram's usual size.</summary>
    private const int MaxValues = 50;

    /// <summary>Info-hashes in one sample_infohashes answer (BEP 51 allows what fits in a datagram).</summary>
    private const int MaxSamples = 20;

    /// <summary>The answer to a query: a response, or a KRPC error for a malformed or unknown one.</summary>
    private KrpcMessage Answer(KrpcMessage query, IPEndPoint sender, bool onIPv6)
    {
        if (query.SenderId is not { } senderId)
        {
            return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "missing or malformed id");
        }
        lock (gate)
        {
            if (!query.IsReadOnly)
            {
                // BEP 43: a read-only node asks but is never asked, so it stays out of the table.
                AddToTable(new DhtNodeInfo(senderId, sender), responded: false);
            }
            var body = KrpcMessage.WithId(table4.LocalId);
            switch (query.Method)
            {
                case "ping":
                    break;
                case "find_node":
                    if (query.Target is not { } target)
                    {
                        return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "find_node needs a 20-byte target");
                    }
                    AddNodes(body, query, target, onIPv6);
                    break;
                case "get_peers":
                    if (query.InfoHash is not { } infoHash)
                    {
                        return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "get_peers needs a 20-byte info_hash");
                    }
                    body.Add("token", tokens.For(sender.Address));
                    var values = store.Peers(infoHash.ToTrackerHash(), sender.AddressFamily == AddressFamily.InterNetworkV6, MaxValues);
                    if (values.Count > 0)
                    {
                        body.Add("values", new BList(values.Select(p => (BValue)new BString(KrpcMessage.CompactEndPoint(p.ToIPEndPoint())))));
                    }
                    AddNodes(body, query, infoHash, onIPv6);
                    break;
                case "announce_peer":
                    if (query.InfoHash is not { } announced || query.Token is not { } token || (query.Port is null && !query.ImpliedPort))
                    {
                        return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "announce_peer needs info_hash, port and token");
                    }
                    if (!tokens.IsValid(token, sender.Address))
                    {
                        return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "bad token");
                    }
                    var port = query.ImpliedPort ? sender.Port : query.Port!.Value;
                    store.Add(announced.ToTrackerHash(), new IPEndPoint(sender.Address, port));
                    break;
                case "sample_infohashes":
                    if (query.Target is not { } sampleTarget)
                    {
                        return KrpcMessage.Error(query.TransactionId, KrpcMessage.ProtocolError, "sample_infohashes needs a 20-byte target");
                    }
                    body.Add("interval", (long)Settings.SampleInterval.TotalSeconds);
                    body.Add("num", store.InfoHashCount);
                    var samples = store.Sample(MaxSamples);
                    var bytes = new byte[samples.Count * TrackerHash.Size];
                    for (var i = 0; i < samples.Count; i++)
                    {
                        samples[i].CopyTo(bytes.AsSpan(i * TrackerHash.Size));
                    }
                    body.Add("samples", bytes);
                    AddNodes(body, query, sampleTarget, onIPv6);
                    break;
                default:
                    return KrpcMessage.Error(query.TransactionId, KrpcMessage.MethodUnknown, "Method Unknown");
            }
            return KrpcMessage.Response(query.TransactionId, body, sender);
        }
    }

    /// <summary>BEP 32: <c>nodes</c> and/or <c>nodes6</c> as the querier wants them, by default the family it asked on. Under the lock.</summary>
    private void AddNodes(BDictionary body, KrpcMessage query, NodeId target, bool onIPv6)
    {
        var want = query.Want;
        var wantV4 = want.Count == 0 ? !onIPv6 : want.Contains("n4");
        var wantV6 = want.Count == 0 ? onIPv6 : want.Contains("n6");
        if (wantV4)
        {
            body.Add("nodes", DhtNodeInfo.WriteAll(table4.Closest(target), ipv6: false));
        }
        if (wantV6)
        {
            body.Add("nodes6", DhtNodeInfo.WriteAll(table6.Closest(target), ipv6: true));
        }
    }
}
