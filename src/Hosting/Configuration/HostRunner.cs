namespace Swarmgrid.Hosting;

public static class HostRunner
{
    /// <summary>Runs a program's start-up and serving, turning a configuration mistake into one line and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (StartupConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
            return 2;
        }
    }
}
