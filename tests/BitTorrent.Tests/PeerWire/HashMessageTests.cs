using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

/// <summary>BEP 52 hash request (21), hashes (22) and hash reject (23): exact bytes, round trips, refusals.</summary>
public sealed class HashMessageTests
{
    private static readonly byte[] Root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private const string RootHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public static TheoryData<string, string> Samples => new()
    {
        // length 49 = id + 48-byte header; base 4, index 512, length 512, proof layers 11
        { "request", "00000031" + "15" + RootHex + "00000004" + "00000200" + "00000200" + "0000000b" },
        { "reject", "00000031" + "17" + RootHex + "00000004" + "00000200" + "00000200" + "0000000b" },
        // two base hashes (length 2, proof layers 1: one uncle): 49 + 3 × 32 = 145 = 0x91
        { "hashes", "00000091" + "16" + RootHex + "00000000" + "00000002" + "00000002" + "00000001" + new string('a', 64) + new string('b', 64) + new string('c', 64) },
    };

    private static PeerMessage Build(string name) => name switch
    {
        "request" => new HashRequest(Root, 4, 512, 512, 11).ToRequest(),
        "reject" => new HashRequest(Root, 4, 512, 512, 11).ToReject(),
        "hashes" => new HashRequest(Root, 0, 2, 2, 1).ToHashes(Convert.FromHexString(new string('a', 64) + new string('b', 64) + new string('c', 64))),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encodes_exact_bytes_and_decodes_them_back(string name, string hex)
    {
        var message = Build(name);
        var bytes = new byte[message.EncodedLength];
        message.Encode(bytes);
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));

        Assert.True(PeerMessage.TryDecode(bytes.AsMemory(4), out var decoded));
        Assert.Equal(message.Id, decoded.Id);
        Assert.True(HashRequest.TryRead(decoded, out var header, out var hashes));
        Assert.True(HashRequest.TryRead(message, out var original, out var originalHashes));
        Assert.True(header.Matches(original));
        Assert.Equal(originalHashes.ToArray(), hashes.ToArray());
    }

    [Fact]
    public void Uncle_count_follows_the_proof_layers_above_the_requested_subtree()
    {
        Assert.Equal(0, new HashRequest(Root, 4, 0, 8, 2).UncleCount);
        Assert.Equal(1, new HashRequest(Root, 4, 0, 8, 3).UncleCount);
        Assert.Equal(3, new HashRequest(Root, 4, 512, 512, 11).UncleCount);
        Assert.Equal(2, new HashRequest(Root, 0, 2, 2, 2).UncleCount);
    }

    [Theory]
    [InlineData("15" + RootHex + "00000004000000000000000200")]             // request one byte short
    [InlineData("17" + RootHex + "0000000400000000000000020000000000")]     // reject one byte long
    [InlineData("16" + RootHex + "00000000000000000000000200000000" + "aa")] // hashes not whole 32-byte hashes
    [InlineData("15" + RootHex + "ffffffff000000000000000200000000")]       // negative base layer
    [InlineData("15" + "0001")]
    public void Refuses_hash_messages_of_the_wrong_shape(string hex) =>
        Assert.False(PeerMessage.TryDecode(Convert.FromHexString(hex), out _));
}
