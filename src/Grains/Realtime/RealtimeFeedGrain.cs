using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Grains.Realtime;

/// <summary>
/// Fans every published batch out to the subscribed processes with one-way calls, through Orleans'
/// <see cref="ObserverManager{TObserver}"/>, which drops subscribers that stopped renewing.
/// </summary>
public sealed class RealtimeFeedGrain(ILogger<RealtimeFeedGrain> logger) : Grain, IRealtimeFeedGrain
{
    private readonly ObserverManager<IRealtimeObserver> observers = new(IRealtimeFeedGrain.SubscriptionLifetime, logger);

    public Task SubscribeAsync(IRealtimeObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IRealtimeObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<RealtimeEvent> events)
    {
        if (events.Count > 0)
        {
            observers.Notify(observer => observer.OnEventsAsync(events));
        }
        return Task.CompletedTask;
    }
}
