using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>Refuses a registration (403) while registration is off, before its body is checked.</summary>
public sealed class RegistrationOpenFilter(LoginService logins, IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        (await logins.SettingsAsync()).RegistrationEnabled || configuration.GetValue("Auth:AllowRegistration", false)
            ? await next(context)
            : ErrorResponse.Json(StatusCodes.Status403Forbidden, "registration is disabled");
}
