using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.GrainInterfaces.Realtime;

/// <summary>The feed's topics and the least role that may follow each.</summary>
public static class RealtimeTopics
{
    public const string Torrents = "torrents";
    public const string Tracker = "tracker";
    public const string Settings = "settings";
    public const string Security = "security";
    public const string Library = "library";

    /// <summary>
    /// A user's own notifications: the event's subject is the user id, and a follower of this topic joins the group
    /// <c>notifications:{their id}</c>, so each user receives only their own.
    /// </summary>
    public const string Notifications = "notifications";

    private const string NotificationsPrefix = "notifications:";

    /// <summary>
    /// Events for the processes themselves (per-caller state they mirror, such as the client face's inspector focus):
    /// no client may follow this topic, so no hub or socket delivers it.
    /// </summary>
    public const string Internal = "internal";

    /// <summary>The prefix of a group that follows one torrent: <c>torrent:{infohash}</c>.</summary>
    public const string TorrentPrefix = "torrent:";

    private static readonly Dictionary<string, Role> MinRoles = new(StringComparer.Ordinal)
    {
        [Torrents] = Role.Viewer,
        [Tracker] = Role.Viewer,
        [Settings] = Role.Viewer,
        [Security] = Role.Admin,
        [Library] = Role.Viewer,
        [Notifications] = Role.Viewer,
    };

    public static IReadOnlyCollection<string> All => MinRoles.Keys;

    /// <summary>The least role that may follow <paramref name="group"/> (a topic or <c>torrent:{infohash}</c>); null when there is no such group.</summary>
    public static Role? MinRole(string group) =>
        MinRoles.TryGetValue(group, out var role) ? role
        : group.StartsWith(TorrentPrefix, StringComparison.Ordinal) && group.Length > TorrentPrefix.Length && group.Length <= TorrentPrefix.Length + 64
            ? MinRoles[Torrents]
            : null;

    /// <summary>The group a connection of <paramref name="userId"/> joins when it follows <paramref name="topic"/>.</summary>
    public static string GroupFor(string topic, string? userId) => topic == Notifications ? NotificationsPrefix + userId : topic;

    /// <summary>Whether a caller of <paramref name="role"/> and <paramref name="userId"/> may see <paramref name="e"/>.</summary>
    public static bool Visible(RealtimeEvent e, Role role, string? userId) =>
        MinRole(e.Topic) is { } needed && role >= needed && (e.Topic != Notifications || (userId is not null && e.Subject == userId));

    /// <summary>The groups an event is delivered to: its topic, its subject's group for torrents, its user's group for notifications.</summary>
    public static IEnumerable<string> Groups(RealtimeEvent e)
    {
        if (e.Topic == Notifications)
        {
            yield return NotificationsPrefix + e.Subject;
            yield break;
        }
        yield return e.Topic;
        if (e.Topic == Torrents && e.Subject is { } infoHash)
        {
            yield return TorrentPrefix + infoHash;
        }
    }
}
