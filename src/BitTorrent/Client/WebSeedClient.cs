using System.Net;
using System.Net.Http.Headers;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Fetches byte ranges of a torrent's files from its web seeds (BEP 19, <c>url-list</c>). Careful with what it is
/// pointed at: only http and https URLs named by the torrent itself are fetched, redirects are not followed (a
/// redirect could send us to an address the torrent's author chose to probe, such as an internal service), no
/// cookies or credentials are sent, and a response is read only up to the bytes asked for: a 206 whose
/// Content-Range is exactly the range, or a 200 only when the range is the whole file.
/// </summary>
public sealed class WebSeedClient : IDisposable
{
    private readonly HttpClient http;

    public WebSeedClient(TimeSpan? timeout = null)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            Credentials = null,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 16,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Swarmgrid/0.1");
    }

    /// <summary>
    /// The URL of <paramref name="file"/> under web seed <paramref name="seedUrl"/>: for a single-file torrent the
    /// seed URL itself, or with the file's name appended when it ends in '/'; for a multi-file torrent the seed URL,
    /// a '/', and the file's path, each segment percent-encoded. Null unless the seed URL is http or https.
    /// </summary>
    public static Uri? FileUrl(string seedUrl, Torrent torrent, TorrentFile file)
    {
        if (!Uri.TryCreate(seedUrl, UriKind.Absolute, out var seed) || seed.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(seed.UserInfo))
        {
            return null;
        }
        var multiFile = torrent.Files.Count(f => !f.IsPad) > 1 || file.PathSegments.Count > 1;
        string url;
        if (!multiFile)
        {
            url = seedUrl.EndsWith('/') ? seedUrl + Uri.EscapeDataString(file.PathSegments[^1]) : seedUrl;
        }
        else
        {
            url = (seedUrl.EndsWith('/') ? seedUrl : seedUrl + "/") + string.Join('/', file.PathSegments.Select(Uri.EscapeDataString));
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var result) ? result : null;
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length bytes of the file at <paramref name="url"/> from
    /// <paramref name="offset"/>. Throws <see cref="WebSeedException"/> for any answer other than exactly those bytes.
    /// </summary>
    public async Task ReadAsync(Uri url, long offset, long fileLength, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var last = offset + destination.Length - 1;
        request.Headers.Range = new RangeHeaderValue(offset, last);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var wholeFile = offset == 0 && destination.Length == fileLength;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = response.Content.Headers.ContentRange;
                if (range is null || range.From != offset || range.To != last)
                {
                    throw new WebSeedException($"{url} answered range {range} for bytes {offset}-{last}");
                }
                break;
            case HttpStatusCode.OK when wholeFile:
                break;
            case HttpStatusCode.OK:
                throw new WebSeedException($"{url} does not serve byte ranges");
            case >= HttpStatusCode.Redirect and < HttpStatusCode.BadRequest:
                throw new WebSeedException($"{url} redirects ({(int)response.StatusCode}), and web seed redirects are not followed");
            default:
                throw new WebSeedException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        if (response.Content.Headers.ContentLength is { } length && length != destination.Length)
        {
            throw new WebSeedException($"{url} sent {length} bytes for a range of {destination.Length}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = 0;
        while (read < destination.Length)
        {
            var count = await body.ReadAsync(destination[read..], cancellationToken);
            if (count == 0)
            {
                throw new WebSeedException($"{url} ended after {read} of {destination.Length} bytes");
            }
            read += count;
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A web seed did not give the bytes asked for.</summary>
public sealed class WebSeedException(string message) : Exception(message);
