namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>What the client face's updater last saw (key 0); its <c>enabled</c> and <c>channel</c> are settings.</summary>
public interface IClientUpdaterGrain : IGrainWithIntegerKey
{
    ValueTask<UpdaterRecord> GetAsync();

    /// <summary>Notes a release check at <paramref name="checkedAt"/>, and the newer version it found, if any.</summary>
    ValueTask RecordCheckAsync(DateTimeOffset checkedAt, string? availableVersion);
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.UpdaterRecord")]
public sealed record UpdaterRecord(
    [property: Id(0)] DateTimeOffset? LastCheckedAt,
    [property: Id(1)] string LastSeenVersion);
