using Npgsql;

namespace Swarmgrid.Data;

/// <summary>What a process does when it sees the database fail.</summary>
public static class DatabaseFaults
{
    /// <summary>
    /// After a PostgreSQL failure the pool's idle connections are likely dead too (the server restarted): drop them, so
    /// the first requests after the database is back open fresh connections instead of failing on stale ones.
    /// </summary>
    public static void Observed(Exception exception)
    {
        if (exception is NpgsqlException || exception.InnerException is NpgsqlException)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }
}
