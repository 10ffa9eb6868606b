using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client;

public sealed class ClientScheduleState
{
    public int NextId { get; set; } = 1;
    public List<ScheduleRule> Rules { get; set; } = [];
}

public sealed class ClientScheduleGrain(
    [PersistentState("client-schedule", StorageNames.Main)] IPersistentState<ClientScheduleState> state,
    RealtimePublisher realtime) : Grain, IClientScheduleGrain
{
    private List<ScheduleRule> Rules => state.State.Rules;

    public ValueTask<IReadOnlyList<ScheduleRule>> GetRulesAsync() => ValueTask.FromResult<IReadOnlyList<ScheduleRule>>(Rules.ToList());

    public async ValueTask<int?> AddRuleAsync(ScheduleRule rule)
    {
        ThrowIfInvalid(rule);
        if (Rules.Count >= IClientScheduleGrain.MaxRules)
        {
            return null;
        }
        var id = state.State.NextId++;
        Rules.Add(rule with { Id = id });
        await SaveAsync();
        return id;
    }

    public async ValueTask<bool> UpdateRuleAsync(ScheduleRule rule)
    {
        ThrowIfInvalid(rule);
        var index = Rules.FindIndex(r => r.Id == rule.Id);
        if (index < 0)
        {
            return false;
        }
        Rules[index] = rule;
        await SaveAsync();
        return true;
    }

    public async ValueTask<bool> RemoveRuleAsync(int id)
    {
        if (Rules.RemoveAll(r => r.Id == id) == 0)
        {
            return false;
        }
        await SaveAsync();
        return true;
    }

    private static void ThrowIfInvalid(ScheduleRule rule)
    {
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is in memory only: start again from what storage holds rather than serve it.
            DeactivateOnIdle();
            throw;
        }
        realtime.Publish(IClientScheduleGrain.ChangedEvent, RealtimeTopics.Settings, null, new { Rules });
    }
}
