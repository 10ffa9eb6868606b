using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarmgrid.Identity;

/// <summary>
/// Reads a JSON string as itself and any other value as null. On login fields, a number or an object then reaches the
/// credential check and its password-hashing time, instead of a fast binding error that would answer sooner than a
/// wrong password does.
/// </summary>
public sealed class StringOrNullConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
