using System.Net;

namespace Swarmgrid.Hosting.Network.Outbound;

/// <summary>
/// The checks a user-given URL passes before it is stored or fetched: absolute http or https, no credentials in it, and a
/// host that is not an address or name of the local network. Names are resolved again when fetched
/// (<see cref="OutboundFetcher"/>), so a name that later points inside is still refused.
/// </summary>
public static class OutboundUrl
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="text"/> may not be fetched, or null when it may.</summary>
    public static string? Problem(string? text, bool allowLoopback = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "url is required";
        }
        if (text.Length > MaxLength)
        {
            return $"url may be at most {MaxLength} characters";
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return "url must be an absolute http or https URL";
        }
        return HostProblem(url, allowLoopback);
    }

    /// <summary>Why the host of <paramref name="url"/> is refused before any lookup, or null.</summary>
    public static string? HostProblem(Uri url, bool allowLoopback)
    {
        if (url.UserInfo.Length > 0)
        {
            return "url must not hold a user name or password";
        }
        var host = url.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(host, out var address))
        {
            return OutboundAddresses.IsAllowed(address, allowLoopback) ? null : "url must not point at a private, loopback or link-local address";
        }
        if (!allowLoopback && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return "url must not point at a private, loopback or link-local address";
        }
        return host.Contains('.') || allowLoopback ? null : "url must name a public host";
    }
}
