using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Grains.Tests.Probes;

public sealed class TickState
{
    public int Ticks { get; set; }
}

public sealed class TickingGrain([PersistentState("ticks", StorageNames.Main)] IPersistentState<TickState> state)
    : Grain, ITickingGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
