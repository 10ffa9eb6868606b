namespace Swarmgrid.GrainInterfaces.Security;

/// <summary>
/// The cluster's security configuration (key 0): general settings, password policy, IP rules, and the generated
/// secrets (JWT signing key) that every web front must share.
/// </summary>
public interface ISecurityGrain : IGrainWithIntegerKey
{
    ValueTask<SecuritySettings> GetSettingsAsync();

    ValueTask SetSettingsAsync(SecuritySettings settings);

    ValueTask<PasswordPolicy> GetPasswordPolicyAsync();

    ValueTask SetPasswordPolicyAsync(PasswordPolicy policy);

    ValueTask<IpRules> GetIpRulesAsync();

    ValueTask SetIpRulesAsync(IpRules rules);

    /// <summary>The JWT signing key, generated on first use and kept.</summary>
    ValueTask<byte[]> GetSigningKeyAsync();

    /// <summary>Creates the first user, once, when there is none; false when a user already exists.</summary>
    ValueTask<bool> BootstrapSuperadminAsync(string username, string email, string passwordHash);
}
