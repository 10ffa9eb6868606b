using System.Text;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>Announce and scrape query strings as BitTorrent clients send them: raw bytes percent-encoded.</summary>
public static class AnnounceUrl
{
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            text.Append('%').Append(b.ToString("x2"));
        }
        return text.ToString();
    }

    public static byte[] PeerId(int n) => Encoding.ASCII.GetBytes($"-SG0001-{n:D12}");

    public static byte[] RandomHash()
    {
        var hash = new byte[20];
        Random.Shared.NextBytes(hash);
        return hash;
    }

    public static string Announce(byte[] infoHash, int peer, int port, long left, string? announceEvent = "started", string extra = "",
        string path = "/announce") =>
        $"{path}?info_hash={Encode(infoHash)}&peer_id={Encode(PeerId(peer))}&port={port}&uploaded=0&downloaded=0&left={left}"
        + (announceEvent is null ? "" : $"&event={announceEvent}") + extra;
}
