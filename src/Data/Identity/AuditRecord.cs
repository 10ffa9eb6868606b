namespace Swarmgrid.Data.Identity;

public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }
    public string Action { get; set; } = "";
    public string? Target { get; set; }
    public string? Ip { get; set; }
    public string? Details { get; set; }
}
