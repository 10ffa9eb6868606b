using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using Swarmgrid.Identity;
using Swarmgrid.Hosting;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Dashboard;
using Swarmgrid.WebFront.Faces.Client;
using Swarmgrid.WebFront.Faces.Library;
using Swarmgrid.WebFront.Faces.Library.GraphQl;
using Swarmgrid.WebFront.Faces.Library.Posters;
using Swarmgrid.WebFront.Faces.Platform;
using Swarmgrid.WebFront.Faces.Qbittorrent;
using Swarmgrid.WebFront.Faces.Registry;
using Swarmgrid.WebFront.Faces.Transmission;
using Swarmgrid.WebFront.OpenApi;

namespace Swarmgrid.WebFront;

/// <summary>The web front's REST faces, health routes and API documentation, hosted standalone or inside the silo.</summary>
public static class WebFrontRegistration
{
    public static WebApplicationBuilder AddWebFront(this WebApplicationBuilder builder)
    {
        builder.Services.AddSwarmgridProblemDetails();
        builder.Services.AddStrictRequestJson();
        builder.Services.AddOpenApi(options => options
            .AddOperationTransformer<ResponseAlternatives>()
            .AddSchemaTransformer<StringConverterSchemas>());
        builder.Services.TryAddSingleton<TrackerRateLimiter>();
        builder.Services.AddSwarmgridAuth();
        builder.Services.AddRealtime();
        builder.Services.AddClientFace(builder.Configuration);
        builder.Services.AddLibraryGraphQl();
        builder.Services.AddPosters(builder.Configuration);
        builder.Services.AddTransmissionFace();
        builder.Services.AddQbittorrentFace();
        return builder;
    }

    /// <summary>Maps the faces; call it after authentication, since it also adds the body-limit check that runs before them.</summary>
    public static WebApplication MapWebFront(this WebApplication app)
    {
        app.UseJsonBodyLimits();
        var faces = FaceOptions.From(app.Configuration);
        if (faces.TrackerPrefix is { } tracker)
        {
            app.MapRegistryFace(tracker);
        }
        if (faces.LibraryPrefix is { } library)
        {
            app.MapLibraryFace(library);
        }
        if (faces.PlatformPrefix is { } platform)
        {
            app.MapPlatformFace(platform);
        }
        if (faces.ClientPrefix is { } client)
        {
            app.MapClientFace(client);
        }
        if (TransmissionOptions.From(app.Configuration) is { Enabled: true } transmission)
        {
            app.MapTransmissionFace(transmission.Path);
        }
        if (QbittorrentFace.Prefix(app.Configuration) is { } qbittorrent)
        {
            app.MapQbittorrentFace(qbittorrent);
        }

        app.MapRealtime();
        app.MapDashboard();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
