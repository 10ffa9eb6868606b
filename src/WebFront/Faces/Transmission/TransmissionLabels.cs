using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>Transmission's labels are the client catalog's tags, matched by name; a label not yet a tag becomes one.</summary>
public sealed class TransmissionLabels(IGrainFactory grains)
{
    public const int MaxLabel = 128;

    private IClientCatalogGrain Catalog => grains.GetGrain<IClientCatalogGrain>(0);

    public async Task<IReadOnlyDictionary<int, string>> NamesAsync() => (await Catalog.GetTagsAsync()).ToDictionary(t => t.Id, t => t.Name);

    public IReadOnlyList<string> Of(TorrentStatus status, IReadOnlyDictionary<int, string> names) =>
        status.TagIds.Select(id => names.GetValueOrDefault(id)).OfType<string>().ToList();

    /// <summary>The tag ids of <paramref name="labels"/>, creating the tags that do not exist yet.</summary>
    public async Task<IReadOnlyList<int>> EnsureAsync(IReadOnlyList<string> labels)
    {
        var wanted = labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.FirstOrDefault(l => l.Length > MaxLabel || l.Contains(',', StringComparison.Ordinal)) is { } bad)
        {
            throw new RpcError($"invalid argument: label '{bad}' is longer than {MaxLabel} characters or holds a comma");
        }
        var ids = new List<int>(wanted.Count);
        foreach (var label in wanted)
        {
            var existing = (await Catalog.GetTagsAsync()).FirstOrDefault(t => string.Equals(t.Name, label, StringComparison.OrdinalIgnoreCase));
            // Null means another request made the same tag a moment ago: read it again.
            var id = existing?.Id ?? await Catalog.AddTagAsync(label, "")
                ?? (await Catalog.GetTagsAsync()).First(t => string.Equals(t.Name, label, StringComparison.OrdinalIgnoreCase)).Id;
            ids.Add(id);
        }
        return ids;
    }
}
