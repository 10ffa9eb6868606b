namespace Swarmgrid.GrainInterfaces.Users;

/// <summary>
/// One user, keyed by user id. Holds the user's tracker totals, credited in batches from the announces made with
/// the user's passkey; the identity work adds credentials, roles and sessions.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    ValueTask AddTrackerTrafficAsync(long uploaded, long downloaded);

    ValueTask<UserTraffic> GetTrackerTrafficAsync();
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.UserTraffic")]
public sealed record UserTraffic(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Uploaded,
    [property: Id(2)] long Downloaded);
