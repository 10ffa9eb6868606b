using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;

namespace Swarmgrid.Grains.Client;

public sealed class ClientWebState
{
    public bool Enabled { get; set; } = true;
    public int Port { get; set; } = 8080;
    public bool BindAll { get; set; }
    public string? ApiKeyId { get; set; }
    public string? ProtectedApiKey { get; set; }
}

public sealed class ClientWebGrain([PersistentState("client-web", StorageNames.Main)] IPersistentState<ClientWebState> state)
    : Grain, IClientWebGrain
{
    public ValueTask<ClientWebSettings> GetAsync() =>
        ValueTask.FromResult(new ClientWebSettings(state.State.Enabled, state.State.Port, state.State.BindAll, state.State.ProtectedApiKey));

    public async ValueTask SetAsync(bool enabled, int port, bool bindAll)
    {
        (state.State.Enabled, state.State.Port, state.State.BindAll) = (enabled, port, bindAll);
        await state.WriteStateAsync();
    }

    public async ValueTask<string?> ReplaceApiKeyAsync(string keyId, string protectedKey)
    {
        var previous = state.State.ApiKeyId;
        (state.State.ApiKeyId, state.State.ProtectedApiKey) = (keyId, protectedKey);
        await state.WriteStateAsync();
        return previous;
    }
}
