namespace Swarmgrid.TestSupport;

/// <summary>A throwaway PostgreSQL server on 127.0.0.1, started from the Debian binaries, that a test may stop and restart.</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string binDirectory;
    private readonly string directory;

    private PrivatePostgres(string binDirectory, string directory, int port)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    public static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
    }

    public static async Task<PrivatePostgres> StartNewAsync()
    {
        var bin = FindBinDirectory();
        TestEnvironment.Require(bin is not null, "PostgreSQL binaries not found (apt-get install postgresql)");
        var directory = Path.Combine(Path.GetTempPath(), "swarmgrid-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        if (ExternalCommand.IsRoot)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:postgres", directory]);
        }
        await ExternalCommand.RunAsync(Path.Combine(bin!, "initdb"),
            ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            asPostgresUser: true);
        var server = new PrivatePostgres(bin!, directory, FreePort.Next());
        await server.StartAsync();
        return server;
    }

    public Task StartAsync() => ExternalCommand.RunAsync(Path.Combine(binDirectory, "pg_ctl"),
        ["-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"), "-w",
         "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off", "start"],
        asPostgresUser: true);

    public Task StopAsync() => ExternalCommand.RunAsync(Path.Combine(binDirectory, "pg_ctl"),
        ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"],
        asPostgresUser: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(directory, recursive: true);
    }
}
