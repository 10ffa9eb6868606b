using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.Silo.Tests.Tracker;

public static class Bencoded
{
    public static async Task<BDictionary> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return BencodeDecoder.DecodeDictionary(await response.Content.ReadAsByteArrayAsync());
    }

    public static string? Failure(BDictionary response) => response.Get<BString>("failure reason")?.Text;

    /// <summary>The ports of the compact IPv4 peers (all test peers are on 127.0.0.1).</summary>
    public static List<int> PeerPorts(BDictionary response)
    {
        var peers = response.Get<BString>("peers")!.Span;
        Assert.Equal(0, peers.Length % 6);
        var ports = new List<int>();
        for (var i = 0; i < peers.Length; i += 6)
        {
            Assert.Equal(new byte[] { 127, 0, 0, 1 }, peers.Slice(i, 4).ToArray());
            ports.Add(peers[i + 4] << 8 | peers[i + 5]);
        }
        return ports;
    }
}
