using Spectre.Console;

namespace Swarmgrid.Cli;

/// <summary>A byte-count progress bar around a long operation (hashing, verifying).</summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(string description, long totalBytes, Func<IProgress<long>, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(totalBytes, 1));
                result = await work(new Progress<long>(bytes => task.Value = bytes));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
