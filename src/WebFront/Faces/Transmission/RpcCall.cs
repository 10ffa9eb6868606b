using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>A refusal answered as Transmission answers one: HTTP 200 with the message as <c>result</c>.</summary>
public sealed class RpcError(string message) : Exception(message);

/// <summary>One RPC request: its method's arguments, who sent it, and typed readers that refuse a wrong type with an <see cref="RpcError"/>.</summary>
public sealed class RpcCall(JsonObject arguments, UserAccount user, HttpContext http)
{
    public JsonObject Arguments { get; } = arguments;

    public UserAccount User { get; } = user;

    public HttpContext Http { get; } = http;

    public CancellationToken Aborted => Http.RequestAborted;

    public bool Has(string name) => Arguments[name] is not null;

    public string? String(string name) => Arguments[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Wrong(name, "a string"),
    };

    public long? Integer(string name) => Arguments[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) => number,
        _ => throw Wrong(name, "an integer"),
    };

    public double? Number(string name) => Arguments[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        _ => throw Wrong(name, "a number"),
    };

    /// <summary>A flag: JSON true or false, or (as Transmission's own readers take them) the numbers 0 and 1.</summary>
    public bool? Flag(string name) => Arguments[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) && number is 0 or 1 => number == 1,
        _ => throw Wrong(name, "a boolean"),
    };

    public IReadOnlyList<string>? Strings(string name) => Arguments[name] switch
    {
        null => null,
        JsonArray array when array.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String) => array.Select(item => item!.GetValue<string>()).ToList(),
        _ => throw Wrong(name, "a list of strings"),
    };

    public IReadOnlyList<int>? Integers(string name) => Arguments[name] switch
    {
        null => null,
        JsonArray array when array.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out _)) =>
            array.Select(item => item!.GetValue<int>()).ToList(),
        _ => throw Wrong(name, "a list of integers"),
    };

    private static RpcError Wrong(string name, string kind) => new($"invalid argument: {name} must be {kind}");
}
