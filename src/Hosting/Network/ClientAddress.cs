using System.Net;

namespace Swarmgrid.Hosting;

/// <summary>
/// Who the client is, for every consumer in the process (IP rules, login limits, tracker limits, announces, audit): the
/// socket's address, or the last <c>X-Forwarded-For</c> hop when the socket belongs to a proxy listed in
/// <c>Tracker:TrustedProxies</c> (addresses or CIDR ranges). From any other address the header is ignored. Announce
/// parameters <c>ip</c>/<c>ipv4</c>/<c>ipv6</c> are never trusted: a client could otherwise point a swarm at any host.
/// </summary>
public sealed class ClientAddress(IConfiguration configuration)
{
    public const string ForwardedFor = "X-Forwarded-For";

    private readonly IReadOnlyList<IPNetwork> trustedProxies = ReadTrustedProxies(configuration);

    public bool TrustsAnyProxy => trustedProxies.Count > 0;

    /// <summary>Whether <paramref name="address"/> is one of <c>Tracker:TrustedProxies</c>.</summary>
    public bool IsTrustedProxy(IPAddress address) =>
        trustedProxies.Count > 0 && IpRanges.Normalize(address) is { } normalized && IpRanges.AnyContains(trustedProxies, normalized);

    /// <summary>The client behind <paramref name="socket"/>, given the request's <c>X-Forwarded-For</c> value.</summary>
    public IPAddress? Resolve(IPAddress? socket, string? forwardedFor)
    {
        var remote = IpRanges.Normalize(socket);
        if (remote is null || trustedProxies.Count == 0 || !IpRanges.AnyContains(trustedProxies, remote) || string.IsNullOrEmpty(forwardedFor))
        {
            return remote;
        }
        var last = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is not null && IPAddress.TryParse(last, out var client) ? IpRanges.Normalize(client) : remote;
    }

    private static IReadOnlyList<IPNetwork> ReadTrustedProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("Tracker:TrustedProxies");
        // A list (appsettings, Tracker__TrustedProxies__0) or one comma-separated value (--Tracker:TrustedProxies=a,b).
        var entries = section.GetChildren().Select(child => child.Value).OfType<string>()
            .Concat((section.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        try
        {
            return IpRanges.ParseAll(entries);
        }
        catch (FormatException ex)
        {
            throw new StartupConfigurationException($"Tracker:TrustedProxies: {ex.Message}");
        }
    }
}

public static class ClientAddressMiddleware
{
    /// <summary>First in the pipeline: the connection's remote address becomes the real client's for everything after it.</summary>
    public static IApplicationBuilder UseClientAddress(this IApplicationBuilder app)
    {
        var resolver = app.ApplicationServices.GetRequiredService<ClientAddress>();
        if (!resolver.TrustsAnyProxy)
        {
            return app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = IpRanges.Normalize(context.Connection.RemoteIpAddress);
                return next(context);
            });
        }
        return app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = resolver.Resolve(context.Connection.RemoteIpAddress,
                context.Request.Headers[ClientAddress.ForwardedFor].ToString());
            return next(context);
        });
    }
}
