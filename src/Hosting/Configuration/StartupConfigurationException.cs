namespace Swarmgrid.Hosting;

/// <summary>Configuration that cannot work; the process prints the message and exits instead of a stack trace.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
