using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>A Transmission RPC request, for the API document: a method name, its arguments and an optional tag echoed back.</summary>
public sealed record TransmissionRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("arguments")] JsonObject? Arguments,
    [property: JsonPropertyName("tag")] long? Tag);

/// <summary>A Transmission RPC answer, for the API document: <c>result</c> is <c>success</c> or why not.</summary>
public sealed record TransmissionResponse(
    [property: JsonPropertyName("arguments")] JsonObject Arguments,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("tag")] long? Tag);
