using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>One <c>sync/maindata</c> answer as sent, kept so the next request with its <c>rid</c> gets only what changed.</summary>
public sealed record QbtSnapshot(
    IReadOnlyDictionary<string, JsonObject> Torrents,
    IReadOnlyDictionary<string, JsonObject> Categories,
    IReadOnlySet<string> Tags,
    JsonObject ServerState);

/// <summary>
/// The recent <c>sync/maindata</c> snapshots of this process by response id. Ids are unique to the process; a request
/// naming an id this process no longer (or never) had gets a full update, as qBittorrent does for an unknown rid.
/// </summary>
public sealed class QbtSyncSnapshots
{
    /// <summary>How many snapshots are kept (each caller needs only its last one).</summary>
    public const int Capacity = 256;

    private readonly Lock gate = new();
    private readonly Dictionary<long, QbtSnapshot> byId = [];
    private readonly Queue<long> order = new();
    private long next = Random.Shared.Next(1, 1 << 20);

    public QbtSnapshot? Find(long rid)
    {
        lock (gate)
        {
            return byId.GetValueOrDefault(rid);
        }
    }

    public long Keep(QbtSnapshot snapshot)
    {
        lock (gate)
        {
            var id = ++next;
            byId[id] = snapshot;
            order.Enqueue(id);
            while (order.Count > Capacity)
            {
                byId.Remove(order.Dequeue());
            }
            return id;
        }
    }
}
