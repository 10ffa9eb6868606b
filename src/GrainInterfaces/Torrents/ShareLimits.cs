namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// When a complete torrent stops seeding, qBittorrent's way: a ratio (uploaded over downloaded), minutes spent seeding,
/// and minutes seeding with no transfer. <see cref="UseGlobal"/> takes the global setting, <see cref="NoLimit"/> never
/// stops. A reached limit applies the global share-limit action (pause by default).
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.ShareLimits")]
public sealed record ShareLimits(
    [property: Id(0)] double RatioLimit = ShareLimits.UseGlobal,
    [property: Id(1)] int SeedingTimeMinutes = ShareLimits.UseGlobal,
    [property: Id(2)] int InactiveSeedingTimeMinutes = ShareLimits.UseGlobal)
{
    public const int UseGlobal = -2;
    public const int NoLimit = -1;

    public static readonly ShareLimits Global = new();

    /// <summary>qBittorrent's cap on a reported ratio.</summary>
    public const double MaxRatio = 9999;

    /// <summary>
    /// qBittorrent's ratio: uploaded over downloaded, where a torrent that downloaded less than a hundredth of what it
    /// holds (its data was already there) divides by what it holds.
    /// </summary>
    public static double Ratio(long downloaded, long uploaded, long bytesDone)
    {
        var basis = downloaded < bytesDone / 100 ? bytesDone : downloaded;
        return basis == 0 ? (uploaded == 0 ? 0 : MaxRatio) : Math.Min(MaxRatio, (double)uploaded / basis);
    }
}

/// <summary>What a reached share limit does (qBittorrent's <c>max_ratio_act</c> numbers).</summary>
public enum ShareLimitAction
{
    Pause = 0,
    Remove = 1,
    SuperSeed = 2,
    RemoveWithData = 3,
}
