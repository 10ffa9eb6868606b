using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// The Transmission RPC face (what Sonarr, Radarr and transmission-remote speak) over the client's torrent grains:
/// one route, off unless <c>Faces:Transmission:Enabled=true</c>.
/// </summary>
public static class TransmissionFace
{
    public static IServiceCollection AddTransmissionFace(this IServiceCollection services)
    {
        services.AddSingleton<TransmissionBasicAuth>();
        services.AddSingleton<TransmissionTorrents>();
        services.AddSingleton<TransmissionLabels>();
        services.AddSingleton<TransmissionSessionMethods>();
        services.AddSingleton<TransmissionTorrentMethods>();
        services.AddSingleton<TransmissionMethods>();
        return services;
    }

    public static IEndpointRouteBuilder MapTransmissionFace(this IEndpointRouteBuilder routes, string path)
    {
        // No Accepts metadata: transmission-remote posts its JSON as form-encoded, and routing would answer that 415.
        routes.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], TransmissionRpcEndpoint.HandleAsync)
            .WithTags("Transmission")
            .WithName("TransmissionRpc")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.HttpMethod == HttpMethods.Post)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TransmissionRequest), cancellationToken: cancellationToken) },
                        },
                    };
                }
            })
            .WithSummary("Transmission RPC (HTTP Basic credentials, X-Transmission-Session-Id handshake)")
            .WithDescription("Answers 401 with WWW-Authenticate without valid Basic credentials, then 409 with the X-Transmission-Session-Id "
                + "header until the request carries that id (a plain GET always gets the 409). Errors inside a request are a result string "
                + "with HTTP 200, as Transmission answers them; a method the caller's role may not use is a 403.")
            .Produces<TransmissionResponse>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status409Conflict)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return routes;
    }
}
