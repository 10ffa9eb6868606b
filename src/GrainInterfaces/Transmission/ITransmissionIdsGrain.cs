namespace Swarmgrid.GrainInterfaces.Transmission;

/// <summary>
/// The Transmission RPC face's torrent numbers (key 0): Transmission names torrents by small integers, Swarmgrid by
/// info-hash. Each info-hash gets the next number the first time any web front shows it, and keeps it for good (across
/// fronts, restarts, and a removal followed by a new add), so a number a client holds never names another torrent.
/// </summary>
public interface ITransmissionIdsGrain : IGrainWithIntegerKey
{
    /// <summary>The number of each of <paramref name="infoHashes"/> (lower-case hex), giving new ones numbers in the order given.</summary>
    ValueTask<IReadOnlyDictionary<string, int>> AssignAsync(IReadOnlyList<string> infoHashes);
}
