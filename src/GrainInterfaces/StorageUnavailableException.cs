namespace Swarmgrid.GrainInterfaces;

/// <summary>
/// A grain could not reach the database. Grains throw this instead of the provider's own exceptions (which the
/// callers cannot deserialize), with no inner exception for the same reason; web fronts answer it with 503.
/// </summary>
[GenerateSerializer, Alias("Swarmgrid.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }
}
