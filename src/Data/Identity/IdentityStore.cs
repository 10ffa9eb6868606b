using Dapper;

namespace Swarmgrid.Data.Identity;

/// <summary>
/// The users, API keys and sessions read models. Each user grain writes its own rows; the web front reads them to
/// find a user by name or email, to resolve a bearer API key by its hash, and for the admin lists.
/// </summary>
public sealed class IdentityStore(Database database)
{
    private const string UserColumns =
        "id AS Id, username AS Username, email AS Email, full_name AS FullName, role AS Role, disabled AS Disabled, " +
        "mfa_enabled AS MfaEnabled, created_at AS CreatedAt";

    /// <summary>Inserts or updates the user's row; false when the username or email belongs to another user.</summary>
    public async Task<bool> TryWriteUserAsync(UserRecord user, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM users WHERE id <> @Id AND (username_lower = @UsernameLower OR email_lower = @EmailLower)",
            new { user.Id, UsernameLower = user.Username.ToLowerInvariant(), EmailLower = user.Email.ToLowerInvariant() }, transaction);
        if (taken > 0)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, username, username_lower, email, email_lower, full_name, role, disabled, mfa_enabled, created_at, updated_at)
            VALUES (@Id, @Username, @UsernameLower, @Email, @EmailLower, @FullName, @Role, @Disabled, @MfaEnabled, @CreatedAt, @Now)
            ON CONFLICT (id) DO UPDATE SET username = excluded.username, username_lower = excluded.username_lower,
                email = excluded.email, email_lower = excluded.email_lower, full_name = excluded.full_name, role = excluded.role,
                disabled = excluded.disabled, mfa_enabled = excluded.mfa_enabled, updated_at = excluded.updated_at
            """,
            new
            {
                user.Id, user.Username, UsernameLower = user.Username.ToLowerInvariant(), user.Email,
                EmailLower = user.Email.ToLowerInvariant(), user.FullName, user.Role, user.Disabled, user.MfaEnabled, user.CreatedAt, Now = now,
            },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The user whose username or email is <paramref name="login"/>, case-insensitively.</summary>
    public async Task<UserRecord?> FindByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE username_lower = @login OR email_lower = @login LIMIT 1",
            new { login = login.ToLowerInvariant() }, cancellationToken: cancellationToken));
    }

    public async Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRecord>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users ORDER BY created_at, id LIMIT @limit OFFSET @offset",
            new { limit, offset }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<long> CountUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public async Task WriteApiKeyAsync(ApiKeyRecord key, string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, key_hash, user_id, name, prefix, created_at, revoked_at)
            VALUES (@Id, @keyHash, @UserId, @Name, @Prefix, @CreatedAt, @RevokedAt)
            ON CONFLICT (id) DO UPDATE SET revoked_at = excluded.revoked_at
            """,
            new { key.Id, keyHash, key.UserId, key.Name, key.Prefix, key.CreatedAt, key.RevokedAt }, cancellationToken: cancellationToken));
    }

    /// <summary>The owner of a live (not revoked) key with this hash.</summary>
    public async Task<ApiKeyRecord?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
            "SELECT id AS Id, user_id AS UserId, name AS Name, prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt " +
            "FROM api_keys WHERE key_hash = @keyHash AND revoked_at IS NULL",
            new { keyHash }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string? userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(
            "SELECT id AS Id, user_id AS UserId, name AS Name, prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt " +
            "FROM api_keys WHERE (@userId IS NULL OR user_id = @userId) ORDER BY created_at, id",
            new { userId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task WriteSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sessions (id, user_id, kind, ip, user_agent, created_at, expires_at, revoked_at)
            VALUES (@Id, @UserId, @Kind, @Ip, @UserAgent, @CreatedAt, @ExpiresAt, @RevokedAt)
            ON CONFLICT (id) DO UPDATE SET revoked_at = excluded.revoked_at
            """,
            session, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SessionRecord>(new CommandDefinition(
            "SELECT id AS Id, user_id AS UserId, kind AS Kind, ip AS Ip, user_agent AS UserAgent, created_at AS CreatedAt, " +
            "expires_at AS ExpiresAt, revoked_at AS RevokedAt FROM sessions WHERE revoked_at IS NULL AND expires_at > @now ORDER BY created_at DESC",
            new { now }, cancellationToken: cancellationToken))).ToList();
    }
}
