using Dapper;

namespace Swarmgrid.Data.Identity;

/// <summary>The security audit log: append-only, newest first when read.</summary>
public sealed class AuditStore(Database database)
{
    public async Task AppendAsync(AuditRecord entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, target, ip, details) VALUES (@At, @Actor, @Action, @Target, @Ip, @Details)",
            entry, cancellationToken: cancellationToken));
    }

    public async Task<(IReadOnlyList<AuditRecord> Items, long Total)> PageAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM audit_log", cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<AuditRecord>(new CommandDefinition(
            "SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target AS Target, ip AS Ip, details AS Details " +
            "FROM audit_log ORDER BY id DESC LIMIT @limit OFFSET @offset",
            new { limit, offset }, cancellationToken: cancellationToken));
        return (items.ToList(), total);
    }
}
