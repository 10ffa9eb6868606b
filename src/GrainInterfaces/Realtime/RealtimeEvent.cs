namespace Swarmgrid.GrainInterfaces.Realtime;

/// <summary>
/// One domain event on the cluster-wide feed. <see cref="Topic"/> decides who may see it (see
/// <see cref="RealtimeTopics"/>); <see cref="Subject"/> names the entity it is about (an info-hash, a setting key), so a
/// client can follow one entity (<c>torrent:{infohash}</c>). <see cref="Data"/> is the payload as JSON text, with
/// snake_case field names like the REST faces.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RealtimeEvent")]
public sealed record RealtimeEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Topic,
    [property: Id(3)] string? Subject,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Data);
