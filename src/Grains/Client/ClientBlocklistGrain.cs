using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client;

public sealed class ClientBlocklistState
{
    public long Version { get; set; }
    public long LastLoadedAt { get; set; }
    public int Entries { get; set; }
    public string? Error { get; set; }
    public byte[]? Ranges { get; set; }
}

public sealed class ClientBlocklistGrain(
    [PersistentState("client-blocklist", StorageNames.Main)] IPersistentState<ClientBlocklistState> state,
    RealtimePublisher realtime, TimeProvider time) : Grain, IClientBlocklistGrain
{
    private ClientBlocklistState State => state.State;

    public ValueTask<BlocklistStatus> GetStatusAsync() =>
        ValueTask.FromResult(new BlocklistStatus(State.LastLoadedAt, State.Entries, State.Error, State.Version));

    public ValueTask<BlocklistRanges> GetRangesAsync() => ValueTask.FromResult(new BlocklistRanges(State.Version, State.Ranges));

    public async ValueTask LoadAsync(byte[] ranges, int entries)
    {
        State.Version++;
        State.Ranges = ranges;
        State.Entries = entries;
        State.LastLoadedAt = time.GetUtcNow().ToUnixTimeSeconds();
        State.Error = null;
        await SaveAsync(announce: true);
    }

    public async ValueTask FailAsync(string error)
    {
        State.Error = error;
        await SaveAsync(announce: false);
    }

    public async ValueTask ClearAsync()
    {
        if (State.Ranges is null && State.Entries == 0 && State.Error is null && State.LastLoadedAt == 0)
        {
            return;
        }
        State.Version++;
        State.Ranges = null;
        State.Entries = 0;
        State.LastLoadedAt = 0;
        State.Error = null;
        await SaveAsync(announce: true);
    }

    private async Task SaveAsync(bool announce)
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
        if (announce)
        {
            realtime.Publish(IClientBlocklistGrain.ChangedEvent, RealtimeTopics.Settings, null, new { version = State.Version, entries = State.Entries });
        }
    }
}
