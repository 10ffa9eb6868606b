using System.Text.Json;
using Orleans.Storage;

namespace Swarmgrid.Silo.Hosting;

/// <summary>
/// Grain state as plain System.Text.Json documents: no type names are stored, so renaming or moving a state class
/// keeps its stored state readable, and the rows can be inspected with any SQL client.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");
}
