using System.Text.Json;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Registry;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Registry;

public sealed class RegistryGrain(RegistryStore store, TimeProvider clock) : Grain, IRegistryGrain
{
    private string InfoHash => this.GetPrimaryKeyString();

    public async ValueTask<bool> UpsertAsync(RegistryEntryInput input)
    {
        var swarmKey = SwarmKeys.FromHex(InfoHash);
        var created = await store.UpsertAsync(new RegistryEntryUpsert(
            InfoHash, input.Name, input.Description, input.Publisher, input.License, input.Size, input.Category, input.Tags,
            input.V1InfoHash, swarmKey, input.Torrent, input.MetaJson), clock.GetUtcNow());

        // A hybrid is announced under its v1 hash by some clients and its truncated v2 hash by others: one swarm.
        if (swarmKey is not null && SwarmKeys.FromHex(input.V1InfoHash) is { } v1Key && v1Key != swarmKey)
        {
            await GrainFactory.GetGrain<ISwarmGrain>(v1Key).AliasToAsync(swarmKey);
        }
        var (v1, v2) = InfoHash.Length == 64 ? (input.V1InfoHash, InfoHash) : (InfoHash, null);
        await GrainFactory.GetGrain<ILibraryIndexerGrain>(0).RecordAsync(new LibrarySighting(
            v1 ?? InfoHash, "registry", input.Torrent, input.Name, input.Size,
            JsonSerializer.Serialize(new { name = input.Name, publisher = input.Publisher, category = input.Category, created }), v2));
        return created;
    }

    public async ValueTask<bool> SetVerifiedAsync(bool verified) => await store.SetVerifiedAsync(InfoHash, verified, clock.GetUtcNow());

    public async ValueTask DeleteAsync(string? reason)
    {
        var entry = await store.GetAsync(InfoHash);
        await store.DeleteAndBlockAsync(InfoHash, reason, clock.GetUtcNow());
        var keys = new[] { SwarmKeys.FromHex(InfoHash), SwarmKeys.FromHex(entry?.V1InfoHash) }.OfType<string>().Distinct();
        await Task.WhenAll(keys.Select(key => GrainFactory.GetGrain<ISwarmGrain>(key).BlockAsync(reason).AsTask()));
    }
}
