using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;

namespace Swarmgrid.Grains.Client;

public sealed class ClientUpdaterState
{
    public DateTimeOffset? LastCheckedAt { get; set; }
    public string LastSeenVersion { get; set; } = "";
}

public sealed class ClientUpdaterGrain(
    [PersistentState("client-updater", StorageNames.Main)] IPersistentState<ClientUpdaterState> state) : Grain, IClientUpdaterGrain
{
    public ValueTask<UpdaterRecord> GetAsync() => ValueTask.FromResult(new UpdaterRecord(state.State.LastCheckedAt, state.State.LastSeenVersion));

    public async ValueTask RecordCheckAsync(DateTimeOffset checkedAt, string? availableVersion)
    {
        state.State.LastCheckedAt = checkedAt;
        if (availableVersion is not null)
        {
            state.State.LastSeenVersion = availableVersion;
        }
        await state.WriteStateAsync();
    }
}
