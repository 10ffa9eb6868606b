using System.Diagnostics;

namespace Swarmgrid.TestSupport;

/// <summary>Runs a program to completion, as the postgres user when the tests run as root (initdb refuses root).</summary>
public static class ExternalCommand
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, bool asPostgresUser = false, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser && IsRoot)
        {
            info.FileName = "runuser";
            foreach (var part in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(part);
            }
        }
        else
        {
            info.FileName = file;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in time");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {output}");
        }
        return output;
    }
}
