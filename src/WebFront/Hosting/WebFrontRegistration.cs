using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using Swarmgrid.WebFront.Auth;
using Swarmgrid.WebFront.Health;
using Swarmgrid.WebFront.Registry;
using Swarmgrid.WebFront.Settings;

namespace Swarmgrid.WebFront.Hosting;

/// <summary>The web front's REST faces, health routes and API documentation, hosted standalone or inside the silo.</summary>
public static class WebFrontRegistration
{
    public static WebApplicationBuilder AddWebFront(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton<TrackerRateLimiter>();
        builder.Services.AddSwarmgridAuth();
        return builder;
    }

    public static WebApplication MapWebFront(this WebApplication app)
    {
        var faces = FaceOptions.From(app.Configuration);
        if (faces.TrackerPrefix is { } tracker)
        {
            app.MapRegistryApi(tracker);
            app.MapTrackerUsersApi(tracker);
            RegistryKey.WarnWhenOpen(app);
        }
        if (faces.LibraryPrefix is { } library)
        {
            app.MapLibraryHealth();
            app.MapLibraryMeApi(library);
            app.MapSettingsApi(library);
        }
        if (faces.PlatformPrefix is { } platform)
        {
            app.MapPlatformHealth(platform);
            app.MapPlatformAuthApi(platform);
            app.MapMfaApi(platform);
            app.MapUsersApi(platform);
            app.MapSecurityApi(platform);
        }
        if (faces.ClientPrefix is { } client)
        {
            app.MapClientAuthApi(client);
        }

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
