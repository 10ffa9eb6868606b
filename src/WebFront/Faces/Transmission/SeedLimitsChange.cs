using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// <c>torrent-set</c>'s <c>seedRatioLimit</c>/<c>seedRatioMode</c> and <c>seedIdleLimit</c>/<c>seedIdleMode</c> (modes:
/// 0 the session's, 1 the torrent's own, 2 none) as the torrent grain's share limits. A limit given without mode 1
/// changes the limit only while the torrent already uses its own, as Transmission's effective limit does.
/// </summary>
public sealed record SeedLimitsChange(double? RatioLimit, long? RatioMode, long? IdleMinutes, long? IdleMode)
{
    public static SeedLimitsChange From(RpcCall call)
    {
        var change = new SeedLimitsChange(call.Number("seedRatioLimit"), call.Integer("seedRatioMode"), call.Integer("seedIdleLimit"), call.Integer("seedIdleMode"));
        if (change.RatioLimit is < 0 || change.IdleMinutes is < 0 or > int.MaxValue || change.RatioMode is not (null or 0 or 1 or 2)
            || change.IdleMode is not (null or 0 or 1 or 2))
        {
            throw new RpcError("invalid argument: seed limits must be 0 or more and seed modes 0, 1 or 2");
        }
        return change;
    }

    /// <summary>The limits after this change; null when it changes nothing.</summary>
    public ShareLimits? ApplyTo(ShareLimits current)
    {
        if (RatioLimit is null && RatioMode is null && IdleMinutes is null && IdleMode is null)
        {
            return null;
        }
        var ratio = Apply(current.RatioLimit, RatioLimit, RatioMode, fallback: 2.0);
        var idle = Apply(current.InactiveSeedingTimeMinutes, IdleMinutes, IdleMode, fallback: 30);
        return current with { RatioLimit = ratio, InactiveSeedingTimeMinutes = (int)idle };
    }

    private static double Apply(double current, double? limit, long? mode, double fallback) => mode switch
    {
        0 => ShareLimits.UseGlobal,
        2 => ShareLimits.NoLimit,
        1 => limit ?? (current >= 0 ? current : fallback),
        _ => limit is { } given && current >= 0 ? given : current,
    };
}
