namespace Swarmgrid.GrainInterfaces;

/// <summary>Names of grain storage providers, shared by the silo and the test silos.</summary>
public static class StorageNames
{
    public const string Main = "main";
}
