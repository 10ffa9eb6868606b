using Microsoft.AspNetCore.Hosting;

namespace Swarmgrid.Hosting;

public static class HostDefaults
{
    /// <summary>Listens on 127.0.0.1:8080 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Urls</c> says otherwise.</summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(SwarmgridConfiguration.DefaultUrls);
        }
        return builder;
    }
}
