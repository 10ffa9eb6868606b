using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Swarmgrid.WebFront.OpenApi;

/// <summary>
/// A string property read by a custom converter (the login fields' <c>StringOrNullConverter</c>) is still a string on
/// the wire; the generator cannot see through a converter and would leave its schema empty.
/// </summary>
internal sealed class StringConverterSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { CustomConverter: not null } property && property.PropertyType == typeof(string))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
