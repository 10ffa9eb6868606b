using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Swarmgrid.TestSupport;

/// <summary>A built Swarmgrid program (src/Silo or src/WebFront) run as a real process with its own settings.</summary>
public sealed partial class SwarmgridProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SwarmgridProcess(Process process)
    {
        this.process = process;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the program with <c>--Key=Value</c> settings; HTTP binds an ephemeral port unless given urls.</summary>
    public static SwarmgridProcess Start(string project, string assemblyName, IReadOnlyDictionary<string, string> settings)
    {
        var assembly = Repository.BuiltAssembly(project, assemblyName);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build {project} first: {assembly} is missing.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        if (!settings.ContainsKey("urls"))
        {
            info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        }
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";

        var started = new SwarmgridProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        started.process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started.process.Exited += (_, _) => started.listening.TrySetException(
            new InvalidOperationException($"{project} exited with {started.process.ExitCode}:\n{started.Output}"));
        started.process.EnableRaisingEvents = true;
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The base address once Kestrel reports it is listening.</summary>
    public async Task<Uri> WaitForListeningAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The process did not start listening in time:\n{Output}");
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, like a crashed machine.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait: a graceful shutdown.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (process.HasExited)
        {
            return;
        }
        await ExternalCommand.RunAsync("kill", ["-TERM", process.Id.ToString()]);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
