using System.Net;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Addresses that sent pieces failing their hash check, and those banned for it. A peer that alone supplied a bad
/// piece is certainly at fault; sharing the blame takes more strikes. Guarded by the torrent's lock.
/// </summary>
internal sealed class BanList
{
    private readonly Dictionary<IPAddress, int> badPieces = [];
    private readonly HashSet<IPAddress> banned = [];

    /// <summary>Addresses banned.</summary>
    public int Count => banned.Count;

    public bool IsBanned(IPAddress address) => banned.Contains(PeerConnections.Normalize(address));

    /// <summary>Counts a bad piece against <paramref name="address"/>; true when it is (now) banned.</summary>
    public bool Strike(IPAddress address, bool soleContributor, int strikesBeforeBan)
    {
        address = PeerConnections.Normalize(address);
        var count = badPieces[address] = badPieces.GetValueOrDefault(address) + 1;
        var strikes = soleContributor ? count : count / 2;
        if (strikes < strikesBeforeBan)
        {
            return false;
        }
        banned.Add(address);
        return true;
    }
}
