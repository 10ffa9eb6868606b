using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

public static class AuthRegistration
{
    /// <summary>The identity system's services: authentication scheme, tokens, keys, login throttle, IP rules, audit.</summary>
    public static IServiceCollection AddSwarmgridAuth(this IServiceCollection services)
    {
        // The embedded silo registers the web front's services as well as its own.
        if (services.Any(service => service.ServiceType == typeof(AuthKeys)))
        {
            return services;
        }
        services.AddAuthentication(SwarmgridAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SwarmgridAuthenticationHandler>(SwarmgridAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.TryAddSingleton<AuthKeys>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<CsrfTokens>();
        services.TryAddSingleton<SecretProtector>();
        services.TryAddSingleton<LoginService>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<IpRulesGuard>();
        return services;
    }

    /// <summary>Security headers on every answer, IP rules (a blocked address learns nothing), who is calling, what they may do.</summary>
    public static WebApplication UseSwarmgridAuth(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseMiddleware<IpRulesGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
