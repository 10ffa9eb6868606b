using System.Net;
using System.Text.RegularExpressions;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// A static file server on 127.0.0.1 (HttpListener) for web seed tests: serves a folder with single byte ranges
/// (206 and Content-Range), or misbehaves as asked: ignoring ranges, corrupting bytes, redirecting, answering slowly.
/// Counts requests and bytes served.
/// </summary>
public sealed partial class LoopbackWebServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string root;
    private long bytesServed;
    private int requests;

    public LoopbackWebServer(string root)
    {
        this.root = root;
        var port = Swarmgrid.TestSupport.FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public bool IgnoreRanges { get; set; }

    public bool Corrupt { get; set; }

    /// <summary>Answer every request with 302 to this URL.</summary>
    public string? RedirectTo { get; set; }

    public TimeSpan Delay { get; set; }

    public long BytesServed => Interlocked.Read(ref bytesServed);

    public int Requests => Volatile.Read(ref requests);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref requests);
        var response = context.Response;
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }
            if (RedirectTo is { } target)
            {
                response.StatusCode = 302;
                response.RedirectLocation = target;
                response.Close();
                return;
            }
            var relative = string.Join(Path.DirectorySeparatorChar, context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(Uri.UnescapeDataString));
            var path = Path.GetFullPath(Path.Combine(root, relative));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            var length = new FileInfo(path).Length;
            long from = 0, to = length - 1;
            var range = context.Request.Headers["Range"];
            if (range is not null && !IgnoreRanges && RangePattern().Match(range) is { Success: true } match)
            {
                from = long.Parse(match.Groups[1].Value);
                to = match.Groups[2].Success ? Math.Min(long.Parse(match.Groups[2].Value), length - 1) : length - 1;
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{to}/{length}");
            }
            var bytes = new byte[to - from + 1];
            await using (var file = File.OpenRead(path))
            {
                file.Position = from;
                await file.ReadExactlyAsync(bytes);
            }
            if (Corrupt && bytes.Length > 0)
            {
                bytes[0] ^= 0xFF;
            }
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            Interlocked.Add(ref bytesServed, bytes.Length);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up on the request; later ones are still served.
        }
    }

    [GeneratedRegex(@"^bytes=(\d+)-(\d+)?$")]
    private static partial Regex RangePattern();

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
