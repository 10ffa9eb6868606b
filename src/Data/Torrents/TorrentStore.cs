using Dapper;

namespace Swarmgrid.Data.Torrents;

/// <summary>
/// The <c>torrents</c> read model: every torrent the client holds, so silos can bring them back after a restart or a
/// silo's death and lists need not wake every grain. Torrent grains are its only writers.
/// </summary>
public sealed class TorrentStore(Database database)
{
    private const string Columns =
        "info_hash AS InfoHash, name AS Name, save_path AS SavePath, category_id AS CategoryId, paused AS Paused, added_at AS AddedAt, silo AS Silo";

    public async Task UpsertAsync(TorrentRecord record, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO torrents (info_hash, name, save_path, category_id, paused, added_at, updated_at, silo)
            VALUES (@InfoHash, @Name, @SavePath, @CategoryId, @Paused, @AddedAt, @now, @Silo)
            ON CONFLICT (info_hash) DO UPDATE SET name = excluded.name, save_path = excluded.save_path,
                category_id = excluded.category_id, paused = excluded.paused, updated_at = excluded.updated_at, silo = excluded.silo
            """,
            new { record.InfoHash, record.Name, record.SavePath, record.CategoryId, record.Paused, record.AddedAt, now, record.Silo },
            cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM torrents WHERE info_hash = @infoHash", new { infoHash },
            cancellationToken: cancellationToken));
    }

    /// <summary>Every torrent, oldest first.</summary>
    public async Task<IReadOnlyList<TorrentRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TorrentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM torrents ORDER BY added_at, info_hash", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The torrents that <paramref name="silo"/> ran last.</summary>
    public async Task<IReadOnlyList<TorrentRecord>> ListBySiloAsync(string silo, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TorrentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM torrents WHERE silo = @silo ORDER BY added_at, info_hash", new { silo }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class TorrentRow
    {
        public string InfoHash { get; set; } = "";
        public string Name { get; set; } = "";
        public string SavePath { get; set; } = "";
        public int? CategoryId { get; set; }
        public bool Paused { get; set; }
        public DateTimeOffset AddedAt { get; set; }
        public string? Silo { get; set; }

        public TorrentRecord ToRecord() => new(InfoHash, Name, SavePath, CategoryId, Paused, AddedAt, Silo);
    }
}
