using System.Text.Json.Serialization;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>Body of <c>PUT /api/registry/verified</c>.</summary>
public sealed record RegistryVerifiedRequest([property: JsonPropertyName("verified")] bool? Verified) : IValidatable
{
    public string? Validate() => Verified is null ? "verified is required (true or false)" : null;
}
