using System.Diagnostics;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>An external seeding program, killed on dispose; its output is kept for failure messages.</summary>
public sealed class SeedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder output = new();

    private SeedProcess(Process process, string? readyLine)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data, readyLine);
        process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (readyLine is null)
        {
            ready.TrySetResult();
        }
    }

    /// <summary>Starts <paramref name="file"/>; when <paramref name="readyLine"/> is given, <see cref="WaitUntilReadyAsync"/> waits for it on stdout.</summary>
    public static SeedProcess Start(string file, IEnumerable<string> arguments, string? readyLine = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return new SeedProcess(Process.Start(info)!, readyLine);
    }

    /// <summary>Everything the program printed so far.</summary>
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

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{process.StartInfo.FileName} was not ready in time:\n{Output}");
        }
    }

    private void Record(string? line, string? readyLine)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (readyLine is not null && line.Trim() == readyLine)
        {
            ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
