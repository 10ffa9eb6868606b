using System.Buffers.Binary;
using System.Net;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>What a KRPC message is: a query, its response, or an error.</summary>
public enum KrpcKind
{
    Query,
    Response,
    Error,
}

/// <summary>
/// One KRPC message (BEP 5): a bencoded dictionary with a transaction id <c>t</c>, a kind <c>y</c> and, by kind, the
/// method <c>q</c> and arguments <c>a</c>, the response <c>r</c>, or the error <c>e</c>. Also read and written:
/// <c>ro</c> (BEP 43 read-only), <c>ip</c> (BEP 42 the requester's address), <c>v</c> (client version), and in the
/// bodies BEP 32's <c>nodes6</c> and <c>want</c> and BEP 51's <c>samples</c>, <c>num</c> and <c>interval</c>.
/// Decoding is lenient about unknown keys and strict about the shape of the known ones.
/// </summary>
public sealed class KrpcMessage
{
    /// <summary>Longest transaction id accepted (the specification's are 2 bytes; some clients use 4 to 8).</summary>
    public const int MaxTransactionIdLength = 16;

    /// <summary>KRPC error codes.</summary>
    public const int GenericError = 201, ServerError = 202, ProtocolError = 203, MethodUnknown = 204;

    private static readonly BencodeOptions Options = BencodeOptions.Lenient with { MaxDepth = 8, MaxInputBytes = 64 * 1024 };

    private KrpcMessage(byte[] transactionId, KrpcKind kind, string? method, BDictionary body)
    {
        TransactionId = transactionId;
        Kind = kind;
        Method = method;
        Body = body;
    }

    public byte[] TransactionId { get; }

    public KrpcKind Kind { get; }

    /// <summary>The query's method (<c>ping</c>, <c>find_node</c>, <c>get_peers</c>, <c>announce_peer</c>, <c>sample_infohashes</c>, ...).</summary>
    public string? Method { get; }

    /// <summary>The query's <c>a</c> or the response's <c>r</c> (empty for errors).</summary>
    public BDictionary Body { get; }

    public int ErrorCode { get; private init; }

    public string? ErrorMessage { get; private init; }

    /// <summary>BEP 43: the querying node is read-only and must not be added to routing tables.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>BEP 42: the address the responder saw the query come from.</summary>
    public IPEndPoint? RequesterAddress { get; init; }

    /// <summary>The sender's client version (<c>v</c>).</summary>
    public byte[]? Version { get; internal set; }

    /// <summary>The sender's id: the body's <c>id</c> when it is 20 bytes.</summary>
    public NodeId? SenderId => Id("id");

    public NodeId? Target => Id("target");

    public NodeId? InfoHash => Id("info_hash");

    public byte[]? Token => Body["token"] is BString { Span.Length: > 0 and <= 64 } token ? token.Bytes.ToArray() : null;

    public int? Port => Body["port"] is BInteger { Value: > 0 and <= ushort.MaxValue } port ? (int)port.Value : null;

    /// <summary><c>implied_port</c>: the peer's port is the UDP port the query came from.</summary>
    public bool ImpliedPort => Body["implied_port"] is BInteger { Value: not 0 };

    /// <summary>Compact IPv4 nodes (<c>nodes</c>).</summary>
    public List<DhtNodeInfo> Nodes => Body["nodes"] is BString compact ? DhtNodeInfo.ReadAll(compact.Span, ipv6: false) : [];

    /// <summary>Compact IPv6 nodes (<c>nodes6</c>, BEP 32).</summary>
    public List<DhtNodeInfo> Nodes6 => Body["nodes6"] is BString compact ? DhtNodeInfo.ReadAll(compact.Span, ipv6: true) : [];

    /// <summary>Peers in <c>values</c>: compact 6-byte IPv4 or 18-byte IPv6 strings; others are skipped.</summary>
    public List<IPEndPoint> Values
    {
        get
        {
            var peers = new List<IPEndPoint>();
            if (Body["values"] is BList values)
            {
                foreach (var value in values)
                {
                    if (value is BString { Span.Length: PeerEndpoint.CompactIPv4Size or PeerEndpoint.CompactIPv6Size } compact)
                    {
                        var peer = compact.Span.Length == PeerEndpoint.CompactIPv4Size
                            ? PeerEndpoint.ReadCompactIPv4(compact.Span)
                            : PeerEndpoint.ReadCompactIPv6(compact.Span);
                        if (peer.Port != 0)
                        {
                            peers.Add(peer.ToIPEndPoint());
                        }
                    }
                }
            }
            return peers;
        }
    }

    /// <summary>BEP 32 <c>want</c>: which node families the querier wants (<c>n4</c>, <c>n6</c>); empty when not stated.</summary>
    public IReadOnlyList<string> Want =>
        Body["want"] is BList want ? want.OfType<BString>().Select(w => w.Text).Where(w => w is "n4" or "n6").ToList() : [];

    /// <summary>BEP 51 <c>samples</c>: 20-byte info-hashes.</summary>
    public List<TrackerHash> Samples
    {
        get
        {
            var samples = new List<TrackerHash>();
            if (Body["samples"] is BString bytes)
            {
                for (var at = 0; at + TrackerHash.Size <= bytes.Span.Length; at += TrackerHash.Size)
                {
                    samples.Add(TrackerHash.FromBytes(bytes.Span.Slice(at, TrackerHash.Size)));
                }
            }
            return samples;
        }
    }

    /// <summary>BEP 51 <c>num</c>: info-hashes the node stores.</summary>
    public long? Num => Body["num"] is BInteger { Value: >= 0 } num ? num.Value : null;

    /// <summary>BEP 51 <c>interval</c>: seconds before asking the node again.</summary>
    public long? Interval => Body["interval"] is BInteger { Value: >= 0 } interval ? interval.Value : null;

    /// <summary>A query with method <paramref name="method"/> and arguments (the sender's <c>id</c> among them).</summary>
    public static KrpcMessage Query(byte[] transactionId, string method, BDictionary arguments, bool readOnly = false) =>
        new(transactionId, KrpcKind.Query, method, arguments) { IsReadOnly = readOnly };

    /// <summary>A response body.</summary>
    public static KrpcMessage Response(byte[] transactionId, BDictionary body, IPEndPoint? requester = null) =>
        new(transactionId, KrpcKind.Response, null, body) { RequesterAddress = requester };

    public static KrpcMessage Error(byte[] transactionId, int code, string message) =>
        new(transactionId, KrpcKind.Error, null, new BDictionary()) { ErrorCode = code, ErrorMessage = message };

    /// <summary>The arguments of a query with only the sender's id (ping); add others with <see cref="BDictionary.Add"/>.</summary>
    public static BDictionary WithId(NodeId id) => new() { { "id", id.ToArray() } };

    public byte[] Encode()
    {
        var root = new BDictionary { { "t", TransactionId } };
        switch (Kind)
        {
            case KrpcKind.Query:
                root.Add("y", "q");
                root.Add("q", Method!);
                root.Add("a", Body);
                if (IsReadOnly)
                {
                    root.Add("ro", 1);
                }
                break;
            case KrpcKind.Response:
                root.Add("y", "r");
                root.Add("r", Body);
                break;
            default:
                root.Add("y", "e");
                root.Add("e", new BList([new BInteger(ErrorCode), new BString(ErrorMessage ?? "")]));
                break;
        }
        if (RequesterAddress is { } requester)
        {
            root.Add("ip", CompactEndPoint(requester));
        }
        if (Version is { } version)
        {
            root.Add("v", version);
        }
        return root.Encode();
    }

    /// <summary>
    /// Decodes a datagram; false unless it is a bencoded dictionary with a transaction id of 1 to
    /// <see cref="MaxTransactionIdLength"/> bytes and a known kind with its parts of the right types.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> datagram, out KrpcMessage? message)
    {
        message = null;
        BDictionary root;
        try
        {
            root = BencodeDecoder.DecodeDictionary(datagram, Options);
        }
        catch (BencodeFormatException)
        {
            return false;
        }
        if (root["t"] is not BString { Span.Length: > 0 and <= MaxTransactionIdLength } t || root["y"] is not BString { Span.Length: 1 } y)
        {
            return false;
        }
        var transactionId = t.Bytes.ToArray();
        var requester = root["ip"] is BString ip ? ReadEndPoint(ip.Span) : null;
        var version = root["v"] is BString v && v.Span.Length <= 32 ? v.Bytes.ToArray() : null;
        switch ((char)y.Span[0])
        {
            case 'q' when root["q"] is BString { Span.Length: > 0 and <= 64 } q && root["a"] is BDictionary a:
                message = new KrpcMessage(transactionId, KrpcKind.Query, q.Text, a)
                {
                    IsReadOnly = root["ro"] is BInteger { Value: 1 },
                    RequesterAddress = requester,
                    Version = version,
                };
                return true;
            case 'r' when root["r"] is BDictionary r:
                message = new KrpcMessage(transactionId, KrpcKind.Response, null, r) { RequesterAddress = requester, Version = version };
                return true;
            case 'e' when root["e"] is BList { Count: >= 2 } e && e[0] is BInteger code && e[1] is BString text:
                message = new KrpcMessage(transactionId, KrpcKind.Error, null, new BDictionary())
                {
                    ErrorCode = (int)Math.Clamp(code.Value, int.MinValue, int.MaxValue),
                    ErrorMessage = text.Span.Length <= 256 ? text.Text : text.Text[..256],
                    Version = version,
                };
                return true;
            default:
                return false;
        }
    }

    /// <summary>An endpoint in compact form: 6 bytes for IPv4, 18 for IPv6.</summary>
    public static byte[] CompactEndPoint(IPEndPoint endpoint)
    {
        var peer = PeerEndpoint.From(endpoint);
        var bytes = new byte[peer.CompactSize];
        peer.WriteAddress(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(bytes.Length - 2), peer.Port);
        return bytes;
    }

    private static IPEndPoint? ReadEndPoint(ReadOnlySpan<byte> compact) => compact.Length switch
    {
        PeerEndpoint.CompactIPv4Size => PeerEndpoint.ReadCompactIPv4(compact).ToIPEndPoint(),
        PeerEndpoint.CompactIPv6Size => PeerEndpoint.ReadCompactIPv6(compact).ToIPEndPoint(),
        _ => null,
    };

    private NodeId? Id(string key) => Body[key] is BString { Span.Length: NodeId.Size } id ? NodeId.FromBytes(id.Span) : null;

    public override string ToString() => Kind switch
    {
        KrpcKind.Query => $"query {Method} t={Convert.ToHexString(TransactionId)}",
        KrpcKind.Response => $"response t={Convert.ToHexString(TransactionId)}",
        _ => $"error {ErrorCode} {ErrorMessage} t={Convert.ToHexString(TransactionId)}",
    };
}
