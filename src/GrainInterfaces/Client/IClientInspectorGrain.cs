namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// The client face's inspector focus of one caller (key: the caller's session, login or user, see the client face):
/// which torrent it looks at and which tabs show, so that its <c>/ws</c> connection, on whichever web front, sends that
/// torrent's detail. Kept in memory only (a focus is a view, not data). Changes go out on the feed as
/// <see cref="FocusEvent"/> (topic <c>internal</c>, subject the key, payload the <see cref="InspectorFocus"/> or null).
/// </summary>
public interface IClientInspectorGrain : IGrainWithStringKey
{
    const string FocusEvent = "client.inspector_focus";

    ValueTask<InspectorFocus?> GetAsync();

    /// <summary>Focuses on a torrent, or clears the focus with null.</summary>
    ValueTask FocusAsync(InspectorFocus? focus);
}

/// <summary>The focused torrent and the inspector tabs shown (<c>overview</c>, <c>files</c>, <c>peers</c>, <c>trackers</c>, <c>speed</c>).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.InspectorFocus")]
public sealed record InspectorFocus([property: Id(0)] string InfoHash, [property: Id(1)] IReadOnlyList<string> Tabs);
