using System.Text.Json;

namespace Swarmgrid.Grains.Settings;

/// <summary>A known setting: its default and the values it accepts.</summary>
public abstract record SettingDefinition(string Key)
{
    public abstract string DefaultJson { get; }

    /// <summary>Null when <paramref name="value"/> is acceptable, otherwise why not.</summary>
    public abstract string? Validate(JsonElement value);
}

public sealed record IntegerSetting(string Key, long Default, long Min, long Max) : SettingDefinition(Key)
{
    public override string DefaultJson => Default.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string? Validate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return $"'{Key}' must be an integer";
        }
        return number < Min || number > Max ? $"'{Key}' must be between {Min} and {Max}" : null;
    }
}

/// <summary>A number that may have a fraction (a share ratio).</summary>
public sealed record NumberSetting(string Key, double Default, double Min, double Max) : SettingDefinition(Key)
{
    public override string DefaultJson => Default.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override string? Validate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return $"'{Key}' must be a number";
        }
        return number < Min || number > Max ? $"'{Key}' must be between {Min} and {Max}" : null;
    }
}

public sealed record BooleanSetting(string Key, bool Default) : SettingDefinition(Key)
{
    public override string DefaultJson => Default ? "true" : "false";

    public override string? Validate(JsonElement value) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"'{Key}' must be true or false";
}

public sealed record StringSetting(string Key, string Default, int MaxLength, IReadOnlyList<string>? AllowedValues = null)
    : SettingDefinition(Key)
{
    public override string DefaultJson => JsonSerializer.Serialize(Default);

    public override string? Validate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"'{Key}' must be a string";
        }
        var text = value.GetString()!;
        if (text.Length > MaxLength)
        {
            return $"'{Key}' must be at most {MaxLength} characters";
        }
        return AllowedValues is not null && !AllowedValues.Contains(text)
            ? $"'{Key}' must be one of: {string.Join(", ", AllowedValues)}"
            : null;
    }
}

/// <summary>A folder on the silos' file system: empty (the default, meaning the silo's own choice) or an absolute path.</summary>
public sealed record PathSetting(string Key, int MaxLength = 4096) : SettingDefinition(Key)
{
    public override string DefaultJson => "\"\"";

    public override string? Validate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"'{Key}' must be a string";
        }
        var text = value.GetString()!;
        return text.Length > MaxLength ? $"'{Key}' must be at most {MaxLength} characters"
            : text.Length == 0 ? null
            : text.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(text) ? $"'{Key}' must be an absolute path"
            : null;
    }
}
