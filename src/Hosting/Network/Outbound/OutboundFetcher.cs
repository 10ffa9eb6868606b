using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Swarmgrid.Hosting.Network.Outbound;

/// <summary>
/// Fetches user-given URLs (blocklists, RSS feeds) without letting them reach inside the network: every address a name
/// resolves to is checked at connect time (so DNS rebinding between the check and the fetch does not help), redirects
/// are followed by hand (at most five) and each target checked the same way, no proxy from the environment is used,
/// the body is cut off at its cap after decompression, and the whole fetch has one deadline.
/// </summary>
public sealed class OutboundFetcher : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient client;
    private readonly OutboundOptions options;

    public OutboundFetcher(OutboundOptions options)
    {
        this.options = options;
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectToAllowedAddressAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Swarmgrid", "1.0"));
    }

    public OutboundOptions Options => options;

    /// <summary>Fetches <paramref name="request"/>; throws <see cref="OutboundRefusedException"/> or <see cref="OutboundFailedException"/>.</summary>
    public async Task<OutboundResponse> GetAsync(OutboundRequest request, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        try
        {
            return await FollowAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OutboundFailedException($"the fetch did not finish within {request.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            throw refused;
        }
        catch (HttpRequestException ex)
        {
            throw new OutboundFailedException($"the upstream could not be reached: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new OutboundFailedException($"the upstream connection failed: {ex.Message}", ex);
        }
    }

    private async Task<OutboundResponse> FollowAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        for (var hop = 0; ; hop++)
        {
            if (OutboundUrl.Problem(url.AbsoluteUri, options.AllowLoopback) is { } problem)
            {
                throw new OutboundRefusedException(hop == 0 ? problem : $"redirected to a refused URL: {problem}");
            }
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            if (request.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                message.Headers.IfNoneMatch.Add(tag);
            }
            message.Headers.IfModifiedSince = request.LastModified;
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (hop == MaxRedirects)
                {
                    throw new OutboundFailedException($"more than {MaxRedirects} redirects");
                }
                url = new Uri(url, location);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new OutboundResponse(true, [], null, request.ETag, request.LastModified, url);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new OutboundFailedException($"the upstream answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var body = await ReadCappedAsync(response.Content, request.MaxBytes, cancellationToken);
            return new OutboundResponse(false, body, response.Content.Headers.ContentType?.MediaType, response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified, url);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes && content.Headers.ContentEncoding.Count == 0)
        {
            throw new OutboundFailedException($"the body exceeds {maxBytes} bytes");
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new OutboundFailedException($"the body exceeds {maxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async ValueTask<Stream> ConnectToAllowedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(address => OutboundAddresses.IsAllowed(address, options.AllowLoopback)).ToArray();
        if (allowed.Length == 0)
        {
            throw new OutboundRefusedException($"{host} resolves to no public address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => client.Dispose();
}
