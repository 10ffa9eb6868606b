namespace Swarmgrid.Grains.Tests.Probes;

/// <summary>Test grain that counts reminder ticks in persistent state.</summary>
public interface ITickingGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> GetTicksAsync();
}
