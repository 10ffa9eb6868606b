using System.Buffers.Text;

namespace Swarmgrid.Bench.TrackerLoad;

public enum AnnounceOutcome
{
    Ok,
    TrackerFailure,
    Malformed,
}

/// <summary>Classifies a whole HTTP response: status 200, a complete body, and a bencoded dictionary in it.</summary>
public static class HttpResponseCheck
{
    public static AnnounceOutcome Classify(ReadOnlySpan<byte> response)
    {
        var headerEnd = response.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0 || !response.StartsWith("HTTP/1.1 200 "u8) && !response.StartsWith("HTTP/1.0 200 "u8))
        {
            return AnnounceOutcome.Malformed;
        }
        var body = response[(headerEnd + 4)..];
        var declared = ContentLength(response[..headerEnd]);
        if (declared is { } length && body.Length != length || body.IsEmpty || body[0] != (byte)'d')
        {
            return AnnounceOutcome.Malformed;
        }
        return body.IndexOf("14:failure reason"u8) >= 0 ? AnnounceOutcome.TrackerFailure : AnnounceOutcome.Ok;
    }

    // Both servers under test spell the header this way; another spelling only skips the length check.
    private static int? ContentLength(ReadOnlySpan<byte> headers)
    {
        var at = headers.IndexOf("\r\nContent-Length:"u8);
        if (at < 0)
        {
            return null;
        }
        var value = headers[(at + "\r\nContent-Length:"u8.Length)..].TrimStart((byte)' ');
        return Utf8Parser.TryParse(value, out int length, out _) ? length : -1;
    }
}
