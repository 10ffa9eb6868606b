using System.Net;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// The announcing client's address: the socket's, or the last <c>X-Forwarded-For</c> hop when the socket belongs to a
/// proxy listed in <c>Tracker:TrustedProxies</c> (addresses or CIDR ranges). Query parameters <c>ip</c>/<c>ipv4</c>/<c>ipv6</c>
/// are not trusted: a client could otherwise point a swarm at any host.
/// </summary>
public sealed class ClientAddress(IConfiguration configuration)
{
    private readonly IReadOnlyList<IPNetwork> trustedProxies = configuration.GetSection("Tracker:TrustedProxies").Get<string[]>()?
        .Select(text => IPNetwork.Parse(text.Contains('/') ? text : $"{text}/{(IPAddress.Parse(text).GetAddressBytes().Length * 8)}"))
        .ToList() ?? [];

    public IPAddress? Resolve(HttpContext context)
    {
        var remote = Normalize(context.Connection.RemoteIpAddress);
        if (remote is null || trustedProxies.Count == 0 || !trustedProxies.Any(network => network.Contains(remote)))
        {
            return remote;
        }
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is not null && IPAddress.TryParse(last, out var client) ? Normalize(client) : remote;
    }

    public static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
