using System.Text;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Tracker;

/// <summary>Known values shared by the tracker tests.</summary>
internal static class TrackerSamples
{
    /// <summary>The info hash of the classic example query, percent-encoded as <see cref="InfoHashEncoded"/>.</summary>
    public static readonly TrackerHash InfoHash = TrackerHash.FromBytes(Convert.FromHexString("123456789abcdef123456789abcdef123456789a"));

    public const string InfoHashEncoded = "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A";

    public const string PeerIdText = "-SG0001-abcdefghijkl";

    public static readonly TrackerHash PeerId = TrackerHash.FromBytes(Encoding.ASCII.GetBytes(PeerIdText));

    public const string AnnounceQuery =
        "info_hash=" + InfoHashEncoded + "&peer_id=" + PeerIdText + "&port=6881&uploaded=10&downloaded=20&left=30";

    public static TrackerHash Hash(byte fill) => TrackerHash.FromBytes(Enumerable.Repeat(fill, 20).ToArray());

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
