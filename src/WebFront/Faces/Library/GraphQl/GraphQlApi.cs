using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library.GraphQl;

/// <summary>
/// <c>POST /api/graphql</c>: the library's GraphQL schema (GraphQL.NET) with a depth and a complexity limit. A body that
/// is not a GraphQL request is a 400 problem; errors of the document or of its execution come in the standard envelope.
/// </summary>
public static class GraphQlApi
{
    public const int MaxDepth = 12;
    public const int MaxComplexity = 5000;

    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentExecuter Executer = new();

    public static IServiceCollection AddLibraryGraphQl(this IServiceCollection services) => services
        .AddSingleton<LibrarySchema>()
        .AddSingleton<LibraryQueryGraphType>()
        .AddSingleton<LibraryTorrentGraphType>()
        .AddSingleton<LibraryFileGraphType>()
        .AddSingleton<LibraryEvidenceGraphType>()
        .AddSingleton<LibraryWantGraphType>()
        .AddSingleton<LibraryNotificationGraphType>()
        .AddSingleton<LibraryStatsGraphType>()
        .AddSingleton<LibraryCategoryCountGraphType>();

    public static IEndpointRouteBuilder MapGraphQlApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapPost($"{prefix}/graphql", Execute).WithTags("Library").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>()
            .AcceptsJsonUpTo(256 * 1024).Validate<GraphQlRequestBody>().Produces<JsonElement>().WithName("LibraryGraphQl");
        return routes;
    }

    public static async Task<ContentHttpResult> Execute(
        GraphQlRequestBody request, ClaimsPrincipal user, LibrarySchema schema, HttpContext http, ILogger<LibrarySchema> logger,
        CancellationToken cancellationToken)
    {
        var result = await Executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = request.Query;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables is { ValueKind: JsonValueKind.Object } variables
                ? Serializer.Deserialize<Inputs>(variables.GetRawText())
                : Inputs.Empty;
            options.User = user;
            options.RequestServices = http.RequestServices;
            options.CancellationToken = cancellationToken;
            options.UnhandledExceptionDelegate = context =>
            {
                logger.LogError(context.OriginalException, "A GraphQL query failed");
                return Task.CompletedTask;
            };
            options.ValidationRules = DocumentValidator.CoreRules.Append(new ComplexityValidationRule(new ComplexityOptions
            {
                MaxDepth = MaxDepth,
                MaxComplexity = MaxComplexity,
            }));
        });
        return TypedResults.Text(Serializer.Serialize(result), "application/json", System.Text.Encoding.UTF8);
    }
}

/// <summary>A GraphQL request: <c>query</c> (required), <c>variables</c> (an object), <c>operationName</c>.</summary>
public sealed record GraphQlRequestBody(
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("variables")] JsonElement? Variables,
    [property: JsonPropertyName("operationName")] string? OperationName) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Query) ? "query is required"
        : Variables is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } ? "variables must be an object"
        : null;
}
