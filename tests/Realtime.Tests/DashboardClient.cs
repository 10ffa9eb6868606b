using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Swarmgrid.Realtime.Tests;

/// <summary>A SignalR client of <c>/hubs/dashboard</c> that keeps every event it receives.</summary>
public sealed class DashboardClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEvent> received = new();

    private DashboardClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<List<Dictionary<string, object?>>>("events", batch =>
        {
            foreach (var message in batch)
            {
                received.Enqueue(new ReceivedEvent($"{message["type"]}", $"{message["topic"]}", message["subject"]?.ToString(), DateTime.UtcNow,
                    message.GetValueOrDefault("data")?.ToString()));
            }
        });
    }

    public HubConnection Connection { get; }

    public IReadOnlyCollection<ReceivedEvent> Received => received.ToArray();

    public static async Task<DashboardClient> ConnectAsync(Uri front, string? token, bool messagePack = false, params string[] topics)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(front, "/hubs/dashboard"), options =>
        {
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        var client = new DashboardClient(builder.Build());
        await client.Connection.StartAsync();
        foreach (var topic in topics)
        {
            await client.Connection.InvokeAsync<string>("Subscribe", topic);
        }
        return client;
    }

    /// <summary>Waits until an event matches (at most <paramref name="timeout"/>); the event, or null.</summary>
    public async Task<ReceivedEvent?> WaitForAsync(Func<ReceivedEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(20);
        }
        return received.FirstOrDefault(match);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>An event as received; <see cref="Data"/> is its payload as the protocol handed it over (JSON text over the JSON protocol).</summary>
public sealed record ReceivedEvent(string Type, string Topic, string? Subject, DateTime ReceivedAt, string? Data = null);
