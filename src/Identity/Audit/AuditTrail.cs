using Swarmgrid.GrainInterfaces.Security;

namespace Swarmgrid.Identity;

/// <summary>Records security events through the audit log grain. Never pass secrets: passwords, keys and tokens stay out.</summary>
public sealed class AuditTrail(IGrainFactory grains, TimeProvider clock)
{
    public Task RecordAsync(HttpContext context, string action, string? target = null, string? details = null, string? actor = null) =>
        grains.GetGrain<IAuditLogGrain>(0).RecordAsync(new AuditEntry(
            clock.GetUtcNow(),
            actor ?? (context.User.Identity?.IsAuthenticated == true ? CurrentUser.Id(context.User) : null),
            action,
            target,
            context.Connection.RemoteIpAddress?.ToString(),
            details));
}
