using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client;

public sealed class ClientCatalogState
{
    public int NextId { get; set; } = 1;
    public List<ClientCategory> Categories { get; set; } = [];
    public List<ClientTag> Tags { get; set; } = [];
}

public sealed class ClientCatalogGrain(
    [PersistentState("client-catalog", StorageNames.Main)] IPersistentState<ClientCatalogState> state,
    RealtimePublisher realtime) : Grain, IClientCatalogGrain
{
    private ClientCatalogState Catalog => state.State;

    public ValueTask<IReadOnlyList<ClientCategory>> GetCategoriesAsync() => ValueTask.FromResult<IReadOnlyList<ClientCategory>>(Catalog.Categories.ToList());

    public ValueTask<ClientCategory?> GetCategoryAsync(int id) => ValueTask.FromResult(Catalog.Categories.FirstOrDefault(c => c.Id == id));

    public async ValueTask<int?> AddCategoryAsync(string name, string defaultSavePath, string color)
    {
        if (Catalog.Categories.Any(c => SameName(c.Name, name)))
        {
            return null;
        }
        var id = Catalog.NextId++;
        Catalog.Categories.Add(new ClientCategory(id, name, defaultSavePath, color));
        await SaveAsync();
        return id;
    }

    public async ValueTask<CatalogWrite> UpdateCategoryAsync(ClientCategory category)
    {
        var index = Catalog.Categories.FindIndex(c => c.Id == category.Id);
        if (index < 0)
        {
            return CatalogWrite.NotFound;
        }
        if (Catalog.Categories.Any(c => c.Id != category.Id && SameName(c.Name, category.Name)))
        {
            return CatalogWrite.NameTaken;
        }
        Catalog.Categories[index] = category;
        await SaveAsync();
        return CatalogWrite.Done;
    }

    public async ValueTask<bool> RemoveCategoryAsync(int id)
    {
        if (Catalog.Categories.RemoveAll(c => c.Id == id) == 0)
        {
            return false;
        }
        await SaveAsync();
        return true;
    }

    public ValueTask<IReadOnlyList<ClientTag>> GetTagsAsync() => ValueTask.FromResult<IReadOnlyList<ClientTag>>(Catalog.Tags.ToList());

    public async ValueTask<int?> AddTagAsync(string name, string color)
    {
        if (Catalog.Tags.Any(t => SameName(t.Name, name)))
        {
            return null;
        }
        var id = Catalog.NextId++;
        Catalog.Tags.Add(new ClientTag(id, name, color));
        await SaveAsync();
        return id;
    }

    public async ValueTask<bool> RemoveTagAsync(int id)
    {
        if (Catalog.Tags.RemoveAll(t => t.Id == id) == 0)
        {
            return false;
        }
        await SaveAsync();
        return true;
    }

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        realtime.Publish(IClientCatalogGrain.ChangedEvent, RealtimeTopics.Torrents, null, new { Catalog.Categories, Catalog.Tags });
    }
}
