namespace Swarmgrid.Cli;

/// <summary>A failure the user can fix; printed as one line on standard error with its exit code.</summary>
public sealed class CliError(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
