using Dapper;

namespace Swarmgrid.Data.Torrents;

/// <summary>
/// The <c>torrents</c> read model: every torrent the client holds, so silos can bring them back after a restart and
/// lists need not wake every grain. Torrent grains are its only writers.
/// </summary>
public sealed class TorrentStore(Database database)
{
    public async Task UpsertAsync(TorrentRecord record, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO torrents (info_hash, name, save_path, category, paused, added_at, updated_at)
            VALUES (@InfoHash, @Name, @SavePath, @Category, @Paused, @AddedAt, @now)
            ON CONFLICT (info_hash) DO UPDATE SET name = excluded.name, save_path = excluded.save_path,
                category = excluded.category, paused = excluded.paused, updated_at = excluded.updated_at
            """,
            new { record.InfoHash, record.Name, record.SavePath, record.Category, record.Paused, record.AddedAt, now },
            cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM torrents WHERE info_hash = @infoHash", new { infoHash },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<TorrentRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TorrentRow>(new CommandDefinition(
            """
            SELECT info_hash AS InfoHash, name AS Name, save_path AS SavePath, category AS Category, paused AS Paused, added_at AS AddedAt
            FROM torrents
            ORDER BY added_at, info_hash
            """,
            cancellationToken: cancellationToken));
        return rows.Select(r => new TorrentRecord(r.InfoHash, r.Name, r.SavePath, r.Category, r.Paused, r.AddedAt)).ToList();
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class TorrentRow
    {
        public string InfoHash { get; set; } = "";
        public string Name { get; set; } = "";
        public string SavePath { get; set; } = "";
        public string? Category { get; set; }
        public bool Paused { get; set; }
        public DateTimeOffset AddedAt { get; set; }
    }
}
