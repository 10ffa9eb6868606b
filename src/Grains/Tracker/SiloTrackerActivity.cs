namespace Swarmgrid.Grains.Tracker;

/// <summary>
/// This silo's share of the tracker figures: announces and scrapes served, peers held and swarms with peers.
/// Swarm grains and frontends update it; a reporter sums it across the cluster.
/// </summary>
public sealed class SiloTrackerActivity
{
    private long announces;
    private long scrapes;
    private long peers;
    private long swarms;

    public long Announces => Interlocked.Read(ref announces);

    public long Scrapes => Interlocked.Read(ref scrapes);

    public long Peers => Interlocked.Read(ref peers);

    public long Swarms => Interlocked.Read(ref swarms);

    public void CountAnnounce() => Interlocked.Increment(ref announces);

    public void CountScrape() => Interlocked.Increment(ref scrapes);

    /// <summary>A swarm's peer count went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void PeersChanged(int before, int after)
    {
        if (before == after)
        {
            return;
        }
        Interlocked.Add(ref peers, after - before);
        if (before == 0)
        {
            Interlocked.Increment(ref swarms);
        }
        else if (after == 0)
        {
            Interlocked.Decrement(ref swarms);
        }
    }
}
