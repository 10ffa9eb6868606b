using System.Diagnostics;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Cli.Tests;

public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>Runs the built <c>swarmgrid</c> command and captures what it prints.</summary>
public static class SwarmgridCommand
{
    public static async Task<CommandResult> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.BuiltAssembly("Cli", "swarmgrid"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CommandResult(process.ExitCode, await output, await error);
    }
}
