using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Security;

public sealed class AuditLogGrain(AuditStore store, RealtimePublisher realtime) : Grain, IAuditLogGrain
{
    public async Task RecordAsync(AuditEntry entry)
    {
        await store.AppendAsync(new AuditRecord
        {
            At = entry.At, Actor = entry.Actor, Action = entry.Action, Target = entry.Target, Ip = entry.Ip, Details = entry.Details,
        });
        realtime.Publish($"security.{entry.Action}", RealtimeTopics.Security, entry.Target,
            new { entry.Action, entry.Actor, entry.Target, entry.Ip, entry.Details, At = entry.At });
    }
}
