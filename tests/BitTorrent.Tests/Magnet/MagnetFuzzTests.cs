using CsCheck;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Magnet;

/// <summary>Random damage to valid magnet links: only <see cref="MagnetFormatException"/> may escape.</summary>
public sealed class MagnetFuzzTests
{
    private static readonly string[] Samples =
    [
        "magnet:?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504c&dn=a%20b&tr=http%3A%2F%2Ft%2F",
        "magnet:?xt=urn:btmh:1220b52e36398307d8ca203a5656310869ed6aeabdd609d25f4963e9dce403399671&xl=40000&ws=http://w/",
        "magnet:?xt=urn:btih:GUOFPWO4VPC4SRKNSZYTPYNZJPVCCUCM&x.pe=1.2.3.4:5&tr.1=udp://u:1",
    ];

    [Fact]
    public void Parse_20000RandomMutations_FailOnlyWithMagnetFormatException()
    {
        var random = new Random(7);
        const string alphabet = "%&=?:.0123456789abcdefxyzAZ+ \u00e9\ud83d";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new System.Text.StringBuilder(Samples[random.Next(Samples.Length)]);
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        text.Length = at;
                        break;
                    default:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                }
            }
            ParseOrReject(text.ToString());
        }
    }

    [Fact]
    public void Parse_RandomStrings_FailOnlyWithMagnetFormatException() =>
        Gen.String.Sample(text => ParseOrReject("magnet:?" + text), iter: 5000);

    [Fact]
    public void BuildThenParse_RandomNamesAndTrackers_RoundTrip() =>
        Gen.Select(Gen.String[1, 30], Gen.String[1, 30].List[0, 4]).Sample((name, trackers) =>
        {
            var link = new MagnetLink(new InfoHashes(InfoHash.FromHex(new string('a', 40)), null), name, trackers);
            var parsed = MagnetLink.Parse(link.ToString());
            Assert.Equal(link.ToString(), parsed.ToString());
        }, iter: 1000);

    private static void ParseOrReject(string text)
    {
        try
        {
            var link = MagnetLink.Parse(text);
            Assert.Equal(link.ToString(), MagnetLink.Parse(link.ToString()).ToString());
        }
        catch (MagnetFormatException)
        {
        }
    }
}
