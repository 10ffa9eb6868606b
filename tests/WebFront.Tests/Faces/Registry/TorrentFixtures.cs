using System.Security.Cryptography;
using System.Text;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Small v1 torrents written byte by byte, so the tests do not depend on the code under test to make them.</summary>
public static class TorrentFixtures
{
    public static byte[] SingleFileV1(string name, int length, out string infoHash)
    {
        const int pieceLength = 16384;
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var pieces = data.Chunk(pieceLength).SelectMany(SHA1.HashData).ToArray();
        var info = Concat(Encoding.ASCII.GetBytes($"d6:lengthi{length}e4:name{name.Length}:{name}12:piece lengthi{pieceLength}e6:pieces{pieces.Length}:"),
            pieces, "e"u8.ToArray());
        infoHash = Convert.ToHexStringLower(SHA1.HashData(info));
        return Concat("d8:announce30:http://127.0.0.1:8080/announce4:info"u8.ToArray(), info, "e"u8.ToArray());
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
