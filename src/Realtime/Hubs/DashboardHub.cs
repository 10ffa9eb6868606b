using Microsoft.AspNetCore.SignalR;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Identity;

namespace Swarmgrid.Realtime;

/// <summary>
/// <c>/hubs/dashboard</c>: browsers and scripts follow topics of the feed. <c>Subscribe("torrents")</c>,
/// <c>Subscribe("torrent:{infohash}")</c>, <c>tracker</c>, <c>settings</c>, <c>library</c>, <c>notifications</c> (the caller's own) and (admins) <c>security</c>; events arrive as
/// <c>events</c> messages holding a list of <see cref="RealtimeMessage"/>. Cookie sessions are held to this origin.
/// Following <c>torrent:{infohash}</c> also watches that torrent, so its <c>torrent.detail</c> (files, peers,
/// trackers) arrives once a second until the connection leaves the group.
/// </summary>
public sealed class DashboardHub(TorrentDetailWatch details) : Hub
{
    public const string Path = "/hubs/dashboard";
    public const string EventsMethod = "events";

    public override Task OnConnectedAsync()
    {
        if (Context.GetHttpContext() is { } http && CurrentUser.ByCookie(http.User) && !SameOrigin.Holds(http.Request))
        {
            Context.Abort();
        }
        return base.OnConnectedAsync();
    }

    /// <summary>Joins <paramref name="topic"/>; refused (a hub error) for an unknown topic or one above the caller's role.</summary>
    public async Task<string> Subscribe(string topic)
    {
        if (RealtimeTopics.MinRole(topic ?? "") is not { } needed)
        {
            throw new HubException($"unknown topic '{topic}'; topics: {string.Join(", ", RealtimeTopics.All)}, torrent:{{infohash}}");
        }
        if (CurrentUser.Role(Context.User!) < needed)
        {
            throw new HubException($"the topic '{topic}' needs the {needed.ToString().ToLowerInvariant()} role");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeTopics.GroupFor(topic!, CurrentUser.Id(Context.User!)));
        if (topic!.StartsWith(RealtimeTopics.TorrentPrefix, StringComparison.Ordinal) && !Context.Items.ContainsKey(topic))
        {
            Context.Items[topic] = details.Watch(topic[RealtimeTopics.TorrentPrefix.Length..], DetailParts.All);
        }
        return topic!;
    }

    public Task Unsubscribe(string topic)
    {
        if (Context.Items.Remove(topic ?? "", out var watch))
        {
            (watch as IDisposable)?.Dispose();
        }
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeTopics.GroupFor(topic ?? "", CurrentUser.Id(Context.User!)));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var watch in Context.Items.Values.OfType<IDisposable>())
        {
            watch.Dispose();
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The topics this caller may follow.</summary>
    public IReadOnlyList<string> Topics() =>
        RealtimeTopics.All.Where(topic => CurrentUser.Role(Context.User!) >= RealtimeTopics.MinRole(topic)).ToList();
}
