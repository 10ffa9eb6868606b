using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Swarmgrid.WebFront.Dashboard;

/// <summary>
/// Serves the built dashboard (copied next to the assembly as <c>dashboard/</c>): its hashed assets with a year-long
/// immutable cache, and its page at <c>/</c> and at each page's path (so a reload stays on the page) with no cache and
/// a strict Content-Security-Policy: only this origin's scripts, styles and connections, nothing inline, no framing.
/// </summary>
public static class DashboardHosting
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] Pages = ["torrents", "tracker", "settings", "security", "library", "fleet", "platform"];

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard");

    public static WebApplication UseDashboardAssets(this WebApplication app)
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "assets")))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.Combine(Directory, "assets")),
                RequestPath = "/assets",
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.CacheControl = "public, max-age=31536000, immutable";
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                },
            });
        }
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", ServePage).ExcludeFromDescription();
        foreach (var page in Pages)
        {
            app.MapGet($"/{page}", ServePage).ExcludeFromDescription();
            app.MapGet($"/{page}/{{**rest}}", ServePage).ExcludeFromDescription();
        }
        return app;
    }

    private static IResult ServePage(HttpContext context)
    {
        var index = Path.Combine(Directory, "index.html");
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return File.Exists(index)
            ? TypedResults.PhysicalFile(index, "text/html; charset=utf-8")
            : TypedResults.Content(
                "<!doctype html><title>Swarmgrid</title><p>The dashboard was not built (build with Node.js and npm installed). " +
                "The APIs are documented at <a href=\"/docs\">/docs</a>.</p>", "text/html; charset=utf-8");
    }
}
