using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Swarmgrid.WebFront.OpenApi;

/// <summary>
/// Documents every body an endpoint declares for a status code. The generator keeps one declaration per status (the
/// last); where a route answers one status in several shapes (a login's tokens or its MFA challenge; a 400 as a problem
/// document or as the seed's bare error), each content type is listed, with <c>anyOf</c> where one carries several types.
/// </summary>
internal sealed class ResponseAlternatives : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var statuses = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(declared => declared.Type is { } type && type != typeof(void))
            .SelectMany(declared => (declared.ContentTypes.Any() ? declared.ContentTypes : ["application/json"])
                .Select(contentType => (declared.StatusCode, ContentType: contentType, Type: declared.Type!)))
            .Distinct()
            .GroupBy(declared => declared.StatusCode)
            .Where(status => status.Count() > 1);
        foreach (var status in statuses)
        {
            if (operation.Responses?.GetValueOrDefault(status.Key.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
            {
                continue;
            }
            var content = new Dictionary<string, OpenApiMediaType>();
            foreach (var byContentType in status.GroupBy(declared => declared.ContentType))
            {
                var schemas = new List<IOpenApiSchema>();
                foreach (var type in byContentType.Select(declared => declared.Type).Distinct())
                {
                    schemas.Add(await SchemaAsync(type, context, cancellationToken));
                }
                content[byContentType.Key] = new OpenApiMediaType { Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { AnyOf = schemas } };
            }
            response.Content = content;
        }
    }

    /// <summary>A reference to the type's schema among the document's components (where the generator puts it too).</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
        if (type.IsGenericType || type.IsArray || context.Document is not { } document)
        {
            return schema;
        }
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }
}
