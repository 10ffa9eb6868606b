using System.CommandLine;
using Swarmgrid.Cli;
using Swarmgrid.Cli.Commands;

var root = new RootCommand("swarmgrid: create, inspect and verify torrents")
{
    CreateCommand.Create(),
    ShowCommand.Create(),
    MagnetCommand.Create(),
    VerifyCommand.Create(),
    DownloadCommand.Create(),
    SeedCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliError error)
{
    await Console.Error.WriteLineAsync($"swarmgrid: {error.Message}");
    return error.ExitCode;
}
