namespace Swarmgrid.Grains.Tests.Probes;

/// <summary>Test grain that reports the silo it runs on and calls another probe from there.</summary>
public interface ISiloProbeGrain : IGrainWithStringKey
{
    Task<string> GetSiloAsync();

    Task<ProbeCall> CallAsync(string targetKey);
}

[GenerateSerializer, Immutable]
public sealed record ProbeCall([property: Id(0)] string CallerSilo, [property: Id(1)] string TargetSilo, [property: Id(2)] string TargetKey);
