namespace Swarmgrid.GrainInterfaces.Security;

/// <summary>
/// The cluster's security configuration (key 0): general settings, password policy, IP rules, and the generated
/// secrets (JWT signing key) that every web front must share.
/// </summary>
public interface ISecurityGrain : IGrainWithIntegerKey
{
    /// <summary>The realtime event (topic <c>security</c>) published when the IP rules change.</summary>
    public const string IpRulesChangedEvent = "security.ip_rules_changed";

    ValueTask<SecuritySettings> GetSettingsAsync();

    ValueTask SetSettingsAsync(SecuritySettings settings);

    ValueTask<PasswordPolicy> GetPasswordPolicyAsync();

    ValueTask SetPasswordPolicyAsync(PasswordPolicy policy);

    ValueTask<IpRules> GetIpRulesAsync();

    /// <summary>Replaces the rules and tells every process through the realtime feed.</summary>
    ValueTask SetIpRulesAsync(IpRules rules);

    /// <summary>The JWT signing key, generated on first use and kept.</summary>
    ValueTask<byte[]> GetSigningKeyAsync();

    /// <summary>Creates the first user, once, when there is none; false when a user already exists.</summary>
    ValueTask<bool> BootstrapSuperadminAsync(string username, string email, string passwordHash);
}
