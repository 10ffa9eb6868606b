using Swarmgrid.GrainInterfaces.Security;

namespace Swarmgrid.Grains.Security;

public sealed class SecurityState
{
    public SecuritySettings Settings { get; set; } = new();
    public PasswordPolicy PasswordPolicy { get; set; } = new();
    public List<string> AllowRanges { get; set; } = [];
    public List<string> BlockRanges { get; set; } = [];
    public string? SigningKey { get; set; }
    public bool Bootstrapped { get; set; }
}
