using Swarmgrid.Data.Identity;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>Writes security events to the audit log. Never pass secrets: passwords, keys and tokens stay out.</summary>
public sealed class AuditTrail(AuditStore store, TimeProvider clock)
{
    public Task RecordAsync(HttpContext context, string action, string? target = null, string? details = null, string? actor = null) =>
        store.AppendAsync(new AuditRecord
        {
            At = clock.GetUtcNow(),
            Actor = actor ?? (context.User.Identity?.IsAuthenticated == true ? CurrentUser.Id(context.User) : null),
            Action = action,
            Target = target,
            Ip = context.Connection.RemoteIpAddress?.ToString(),
            Details = details,
        });
}
