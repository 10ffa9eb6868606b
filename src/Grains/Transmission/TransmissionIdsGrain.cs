using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Transmission;

namespace Swarmgrid.Grains.Transmission;

public sealed class TransmissionIdsState
{
    public int NextId { get; set; } = 1;
    public Dictionary<string, int> Ids { get; set; } = new(StringComparer.Ordinal);
}

public sealed class TransmissionIdsGrain(
    [PersistentState("transmission-ids", StorageNames.Main)] IPersistentState<TransmissionIdsState> state) : Grain, ITransmissionIdsGrain
{
    public async ValueTask<IReadOnlyDictionary<string, int>> AssignAsync(IReadOnlyList<string> infoHashes)
    {
        var ids = state.State.Ids;
        var answer = new Dictionary<string, int>(infoHashes.Count, StringComparer.Ordinal);
        var added = false;
        foreach (var hash in infoHashes)
        {
            if (!ids.TryGetValue(hash, out var id))
            {
                id = state.State.NextId++;
                ids[hash] = id;
                added = true;
            }
            answer[hash] = id;
        }
        if (added)
        {
            await state.WriteStateAsync();
        }
        return answer;
    }
}
