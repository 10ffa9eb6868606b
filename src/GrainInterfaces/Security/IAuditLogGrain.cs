namespace Swarmgrid.GrainInterfaces.Security;

/// <summary>
/// The security audit log's one writer (key 0): every process records through it, it appends the row and puts the
/// entry on the realtime feed as a <c>security.{action}</c> event for admins.
/// </summary>
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    Task RecordAsync(AuditEntry entry);
}

/// <summary>A security event. Never carries a secret: passwords, keys and tokens stay out.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string? Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Target,
    [property: Id(4)] string? Ip,
    [property: Id(5)] string? Details);
