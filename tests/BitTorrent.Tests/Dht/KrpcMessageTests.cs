using System.Net;
using System.Text;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Dht;

namespace Swarmgrid.BitTorrent.Tests.Dht;

/// <summary>KRPC messages byte for byte, from the examples in BEP 5, BEP 32, BEP 43 and BEP 51.</summary>
public sealed class KrpcMessageTests
{
    private static readonly NodeId Querier = NodeId.FromBytes("abcdefghij0123456789"u8);
    private static readonly NodeId Responder = NodeId.FromBytes("mnopqrstuvwxyz123456"u8);
    private static readonly byte[] Aa = "aa"u8.ToArray();

    public static TheoryData<string, string> Samples => new()
    {
        { "ping", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe" },
        { "pong", "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re" },
        { "find_node", "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe" },
        { "get_peers", "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe" },
        { "get_peers_values", "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re" },
        { "announce_peer", "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe" },
        { "error", "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee" },
        { "read_only_ping", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping2:roi1e1:t2:aa1:y1:qe" },
        { "sample_infohashes", "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q17:sample_infohashes1:t2:aa1:y1:qe" },
        { "samples", "d1:rd2:id20:mnopqrstuvwxyz1234568:intervali21600e5:nodes0:3:numi2e7:samples40:abcdefghij0123456789mnopqrstuvwxyz123456e1:t2:aa1:y1:re" },
        { "pong_ip", "d2:ip6:" + "\u007f\u0000\u0000\u0001\u001a\u00e1" + "1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re" },
    };

    private static KrpcMessage Build(string name) => name switch
    {
        "ping" => KrpcMessage.Query(Aa, "ping", KrpcMessage.WithId(Querier)),
        "pong" => KrpcMessage.Response(Aa, KrpcMessage.WithId(Responder)),
        "find_node" => KrpcMessage.Query(Aa, "find_node", With(KrpcMessage.WithId(Querier), ("target", Responder.ToArray()))),
        "get_peers" => KrpcMessage.Query(Aa, "get_peers", With(KrpcMessage.WithId(Querier), ("info_hash", Responder.ToArray()))),
        "get_peers_values" => KrpcMessage.Response(Aa, With(KrpcMessage.WithId(Querier), ("token", "aoeusnth"u8.ToArray()),
            ("values", new BList([new BString("axje.u"u8.ToArray()), new BString("idhtnm"u8.ToArray())])))),
        "announce_peer" => KrpcMessage.Query(Aa, "announce_peer", With(KrpcMessage.WithId(Querier), ("implied_port", 1L),
            ("info_hash", Responder.ToArray()), ("port", 6881L), ("token", "aoeusnth"u8.ToArray()))),
        "error" => KrpcMessage.Error(Aa, 201, "A Generic Error Ocurred"),
        "read_only_ping" => KrpcMessage.Query(Aa, "ping", KrpcMessage.WithId(Querier), readOnly: true),
        "sample_infohashes" => KrpcMessage.Query(Aa, "sample_infohashes", With(KrpcMessage.WithId(Querier), ("target", Responder.ToArray()))),
        "samples" => KrpcMessage.Response(Aa, With(KrpcMessage.WithId(Responder), ("interval", 21600L), ("nodes", Array.Empty<byte>()), ("num", 2L),
            ("samples", "abcdefghij0123456789mnopqrstuvwxyz123456"u8.ToArray()))),
        "pong_ip" => KrpcMessage.Response(Aa, KrpcMessage.WithId(Responder), new IPEndPoint(IPAddress.Loopback, 6881)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encodes_exact_bytes_and_decodes_them_back(string name, string text)
    {
        var message = Build(name);
        var bytes = message.Encode();
        Assert.Equal(text, Encoding.Latin1.GetString(bytes));

        Assert.True(KrpcMessage.TryDecode(bytes, out var decoded));
        Assert.Equal(bytes, decoded!.Encode());
        Assert.Equal(message.Kind, decoded.Kind);
        Assert.Equal(message.Method, decoded.Method);
    }

    [Fact]
    public void Reads_the_typed_fields()
    {
        Assert.True(KrpcMessage.TryDecode(Encoding.Latin1.GetBytes(Samples.Single(s => (string)s[0] == "announce_peer")[1].ToString()!), out var announce));
        Assert.Equal(Querier, announce!.SenderId);
        Assert.Equal(Responder, announce.InfoHash);
        Assert.Equal(6881, announce.Port);
        Assert.True(announce.ImpliedPort);
        Assert.Equal("aoeusnth"u8.ToArray(), announce.Token);

        var values = Build("get_peers_values");
        Assert.Equal([new IPEndPoint(IPAddress.Parse("97.120.106.101"), 11893), new IPEndPoint(IPAddress.Parse("105.100.104.116"), 28269)], values.Values);

        var samples = Build("samples");
        Assert.Equal([Querier.ToTrackerHash(), Responder.ToTrackerHash()], samples.Samples);
        Assert.Equal((2L, 21600L), (samples.Num, samples.Interval));

        Assert.True(KrpcMessage.TryDecode(Build("read_only_ping").Encode(), out var readOnly));
        Assert.True(readOnly!.IsReadOnly);
        Assert.True(KrpcMessage.TryDecode(Build("pong_ip").Encode(), out var pong));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6881), pong!.RequesterAddress);
        Assert.True(KrpcMessage.TryDecode(Build("error").Encode(), out var error));
        Assert.Equal((201, "A Generic Error Ocurred"), (error!.ErrorCode, error.ErrorMessage));
    }

    [Fact]
    public void Compact_node_info_is_26_bytes_for_ipv4_and_38_for_ipv6()
    {
        var v4 = new DhtNodeInfo(Querier, new IPEndPoint(IPAddress.Parse("1.2.3.4"), 0x1ae1));
        var v6 = new DhtNodeInfo(Responder, new IPEndPoint(IPAddress.Parse("2001:db8::1"), 80));
        Assert.Equal(Convert.ToHexStringLower("abcdefghij0123456789"u8) + "010203041ae1", Convert.ToHexStringLower(DhtNodeInfo.WriteAll([v4, v6], ipv6: false)));
        Assert.Equal(Convert.ToHexStringLower("mnopqrstuvwxyz123456"u8) + "20010db8000000000000000000000001" + "0050",
            Convert.ToHexStringLower(DhtNodeInfo.WriteAll([v4, v6], ipv6: true)));
        Assert.Equal([v4], DhtNodeInfo.ReadAll(DhtNodeInfo.WriteAll([v4], false).Concat(new byte[25]).ToArray(), false));
        Assert.Equal([v6], DhtNodeInfo.ReadAll(DhtNodeInfo.WriteAll([v6], true), true));
    }

    [Theory]
    [InlineData("le")]
    [InlineData("d1:y1:qe")]
    [InlineData("d1:t0:1:y1:qe")]
    [InlineData("d1:t2:aa1:y1:q1:q4:pinge")]
    [InlineData("d1:t2:aa1:y1:xe")]
    [InlineData("d1:t2:aa1:y1:rd2:id20:abcdefghij0123456789ee")]
    [InlineData("d1:eli201ee1:t2:aa1:y1:ee")]
    [InlineData("d1:t17:aaaaaaaaaaaaaaaaa1:y1:re")]
    public void Refuses_what_is_not_a_krpc_message(string text) =>
        Assert.False(KrpcMessage.TryDecode(Encoding.Latin1.GetBytes(text), out _));

    private static BDictionary With(BDictionary body, params (string Key, BValue Value)[] entries)
    {
        foreach (var (key, value) in entries)
        {
            body.Add(key, value);
        }
        return body;
    }
}
