namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// The client's categories and tags (key 0): small numbered lists every torrent refers to by id, as Mosaic numbers
/// them. A category's default save path is where torrents filed under it save when they name no folder (the client
/// face's adds and the RSS filters use it). Changes go out on the realtime feed (<see cref="ChangedEvent"/>).
/// </summary>
public interface IClientCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Realtime event, topic <c>torrents</c>: payload <c>{"categories":[…],"tags":[…]}</c>.</summary>
    const string ChangedEvent = "client.catalog_changed";

    ValueTask<IReadOnlyList<ClientCategory>> GetCategoriesAsync();

    ValueTask<ClientCategory?> GetCategoryAsync(int id);

    /// <summary>The new category's id; null when the name is taken.</summary>
    ValueTask<int?> AddCategoryAsync(string name, string defaultSavePath, string color);

    ValueTask<CatalogWrite> UpdateCategoryAsync(ClientCategory category);

    ValueTask<bool> RemoveCategoryAsync(int id);

    ValueTask<IReadOnlyList<ClientTag>> GetTagsAsync();

    /// <summary>The new tag's id; null when the name is taken.</summary>
    ValueTask<int?> AddTagAsync(string name, string color);

    ValueTask<bool> RemoveTagAsync(int id);
}

public enum CatalogWrite
{
    Done,
    NotFound,
    NameTaken,
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.ClientCategory")]
public sealed record ClientCategory(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string DefaultSavePath,
    [property: Id(3)] string Color);

[GenerateSerializer, Immutable, Alias("Swarmgrid.ClientTag")]
public sealed record ClientTag(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Color);
