using System.Text.Json.Serialization;

namespace Swarmgrid.Hosting;

public static class RequestJson
{
    /// <summary>
    /// Request bodies bind as strictly as the hand-written readers they replaced: a field name matches exactly (no case
    /// folding) and a number must be a JSON number, not a string holding one.
    /// </summary>
    public static IServiceCollection AddStrictRequestJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNameCaseInsensitive = false;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
}
