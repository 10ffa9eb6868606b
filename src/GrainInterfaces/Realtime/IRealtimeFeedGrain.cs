namespace Swarmgrid.GrainInterfaces.Realtime;

/// <summary>
/// The cluster-wide event feed (key 0): grains publish batches, every subscribed process receives each batch once.
/// Subscriptions expire unless renewed, so a process that died without unsubscribing is dropped; a subscriber renews
/// well within <see cref="SubscriptionLifetime"/>, which also brings it back after the feed grain moved to another silo.
/// </summary>
public interface IRealtimeFeedGrain : IGrainWithIntegerKey
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(45);

    Task SubscribeAsync(IRealtimeObserver observer);

    Task UnsubscribeAsync(IRealtimeObserver observer);

    Task PublishAsync(IReadOnlyList<RealtimeEvent> events);
}
