using System.Security.Cryptography;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Security;

public sealed class SecurityGrain(
    [PersistentState("security", StorageNames.Main)] IPersistentState<SecurityState> state,
    IdentityStore identities,
    RealtimePublisher realtime) : Grain, ISecurityGrain
{
    /// <summary>Every process's IP rules guard reloads on this event.</summary>
    public const string IpRulesChanged = ISecurityGrain.IpRulesChangedEvent;

    public ValueTask<SecuritySettings> GetSettingsAsync() => ValueTask.FromResult(state.State.Settings);

    public async ValueTask SetSettingsAsync(SecuritySettings settings)
    {
        state.State.Settings = settings;
        await state.WriteStateAsync();
    }

    public ValueTask<PasswordPolicy> GetPasswordPolicyAsync() => ValueTask.FromResult(state.State.PasswordPolicy);

    public async ValueTask SetPasswordPolicyAsync(PasswordPolicy policy)
    {
        state.State.PasswordPolicy = policy;
        await state.WriteStateAsync();
    }

    public ValueTask<IpRules> GetIpRulesAsync() => ValueTask.FromResult(new IpRules(state.State.AllowRanges, state.State.BlockRanges));

    public async ValueTask SetIpRulesAsync(IpRules rules)
    {
        state.State.AllowRanges = [.. rules.Allow];
        state.State.BlockRanges = [.. rules.Block];
        await state.WriteStateAsync();
        realtime.Publish(IpRulesChanged, RealtimeTopics.Security, null, new { rules.Allow, rules.Block });
    }

    public async ValueTask<byte[]> GetSigningKeyAsync()
    {
        if (state.State.SigningKey is null)
        {
            state.State.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            await state.WriteStateAsync();
        }
        return Convert.FromBase64String(state.State.SigningKey);
    }

    public async ValueTask<bool> BootstrapSuperadminAsync(string username, string email, string passwordHash)
    {
        if (state.State.Bootstrapped || await identities.CountUsersAsync() > 0)
        {
            return false;
        }
        var created = await GrainFactory.GetGrain<IUserGrain>(SecretHash.NewId("usr_"))
            .CreateAsync(new UserChanges(username, email, PasswordHash: passwordHash, Role: Role.Superadmin));
        state.State.Bootstrapped = created == UserWriteStatus.Done;
        await state.WriteStateAsync();
        return state.State.Bootstrapped;
    }
}
