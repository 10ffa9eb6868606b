namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>The client face's web-interface settings (key 0) and its one API key, kept encrypted so it can be shown.</summary>
public interface IClientWebGrain : IGrainWithIntegerKey
{
    ValueTask<ClientWebSettings> GetAsync();

    ValueTask SetAsync(bool enabled, int port, bool bindAll);

    /// <summary>Remembers the new key and returns the id of the key it replaces, if any.</summary>
    ValueTask<string?> ReplaceApiKeyAsync(string keyId, string protectedKey);
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.ClientWebSettings")]
public sealed record ClientWebSettings(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] int Port,
    [property: Id(2)] bool BindAll,
    [property: Id(3)] string? ProtectedApiKey);
