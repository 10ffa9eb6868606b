using Microsoft.AspNetCore.Routing;

namespace Swarmgrid.Hosting;

/// <summary>Refuses to start when two mapped endpoints claim the same method and path (faces mounted on top of each other).</summary>
public static class RouteCollisions
{
    public static void ThrowIfAny(IEndpointRouteBuilder routes)
    {
        var claimed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var collisions = new List<string>();
        foreach (var endpoint in routes.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                var route = $"{method} {pattern}";
                if (!claimed.TryAdd(route, endpoint.DisplayName ?? route))
                {
                    collisions.Add($"{route} ({claimed[route]} and {endpoint.DisplayName})");
                }
            }
        }

        if (collisions.Count > 0)
        {
            throw new StartupConfigurationException(
                "Two faces claim the same route; change a Faces:*:Prefix setting. Collisions: " + string.Join("; ", collisions));
        }
    }
}
