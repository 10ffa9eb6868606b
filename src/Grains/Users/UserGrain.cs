using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.Grains.Users;

public sealed class UserGrain([PersistentState("user", StorageNames.Main)] IPersistentState<UserState> state) : Grain, IUserGrain
{
    public async ValueTask AddTrackerTrafficAsync(long uploaded, long downloaded)
    {
        state.State.TrackerUploaded += uploaded;
        state.State.TrackerDownloaded += downloaded;
        await state.WriteStateAsync();
    }

    public ValueTask<UserTraffic> GetTrackerTrafficAsync() =>
        ValueTask.FromResult(new UserTraffic(this.GetPrimaryKeyString(), state.State.TrackerUploaded, state.State.TrackerDownloaded));
}
