namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// The IP blocklist the client face loads (key 0): the merged ranges of the last good fetch, kept in grain storage so
/// a restart needs no refetch, with when they were loaded, how many ranges the list held and the last fetch's error.
/// The URL and whether the list is on are settings (<c>blocklist_url</c>, <c>blocklist_enabled</c>); the web front
/// fetches and parses, this grain keeps. Every change is announced as <see cref="ChangedEvent"/> and every silo's
/// engine then reads <see cref="GetRangesAsync"/>.
/// </summary>
public interface IClientBlocklistGrain : IGrainWithIntegerKey
{
    /// <summary>Realtime event, topic <c>settings</c>: payload <c>{"version":n,"entries":n}</c>.</summary>
    const string ChangedEvent = "blocklist.changed";

    ValueTask<BlocklistStatus> GetStatusAsync();

    /// <summary>The ranges in force (in <c>IpFilter.ToBytes</c> form), null when there is no list.</summary>
    ValueTask<BlocklistRanges> GetRangesAsync();

    /// <summary>Puts <paramref name="ranges"/> in force, read from <paramref name="entries"/> ranges of the list; clears the error.</summary>
    ValueTask LoadAsync(byte[] ranges, int entries);

    /// <summary>Records why the last fetch failed; the ranges in force stay.</summary>
    ValueTask FailAsync(string error);

    /// <summary>Drops the ranges (the list was turned off): engines drop their filter.</summary>
    ValueTask ClearAsync();
}

/// <param name="LastLoadedAt">Unix seconds of the last good fetch, 0 when none (or since the list was turned off).</param>
/// <param name="Entries">Ranges read from the list's valid lines at the last good fetch, before merging.</param>
/// <param name="Error">Why the last fetch failed, null when it succeeded.</param>
/// <param name="Version">Grows with every change of the ranges.</param>
[GenerateSerializer, Immutable, Alias("Swarmgrid.BlocklistStatus")]
public sealed record BlocklistStatus(
    [property: Id(0)] long LastLoadedAt,
    [property: Id(1)] int Entries,
    [property: Id(2)] string? Error,
    [property: Id(3)] long Version);

[GenerateSerializer, Immutable, Alias("Swarmgrid.BlocklistRanges")]
public sealed record BlocklistRanges(
    [property: Id(0)] long Version,
    [property: Id(1)] byte[]? Ranges);
