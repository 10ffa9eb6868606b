using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Swarmgrid.Grains.Tracker.Replication;

/// <summary>
/// Places a grain keyed by a silo's address on a different silo: the next one after it in address order, so a
/// replica survives its origin and, while membership holds still, always lands on the same silo. Alone in the
/// cluster, the grain stays local.
/// </summary>
public sealed class ReplicaPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class)]
public sealed class ReplicaPlacementAttribute() : PlacementAttribute(new ReplicaPlacement());

public sealed class ReplicaPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var origin = target.GrainIdentity.Key.ToString();
        var others = context.GetCompatibleSilos(target)
            .Select(silo => (Silo: silo, Name: silo.ToParsableString()))
            .Where(silo => silo.Name != origin)
            .OrderBy(silo => silo.Name, StringComparer.Ordinal)
            .ToList();
        if (others.Count == 0)
        {
            return Task.FromResult(context.LocalSilo);
        }
        var next = others.FirstOrDefault(silo => string.CompareOrdinal(silo.Name, origin) > 0);
        return Task.FromResult(next.Silo ?? others[0].Silo);
    }
}
