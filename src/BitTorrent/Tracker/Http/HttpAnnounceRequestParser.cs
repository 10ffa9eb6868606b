using System.Buffers;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// Parses an HTTP announce from its raw query string without throwing: a refused query gives a failure value.
/// </summary>
/// <remarks>
/// <para>Required: <c>info_hash</c> and <c>peer_id</c> (exactly 20 bytes after percent-decoding), <c>port</c>
/// (1–65535), <c>uploaded</c>, <c>downloaded</c>, <c>left</c> (decimal digits only, at most 2^63−1).</para>
/// <para>Optional: <c>event</c> (<c>started</c>, <c>stopped</c>, <c>completed</c>, empty; anything else is refused),
/// <c>compact</c> (<c>0</c> or <c>1</c>), <c>no_peer_id</c> (any value but <c>0</c> means yes), <c>numwant</c>
/// (non-negative, capped at the caller's maximum; absent gives the caller's default), <c>key</c> and
/// <c>trackerid</c> (at most 128 bytes), <c>corrupt</c> (non-negative), <c>supportcrypto</c> (<c>1</c> means yes),
/// <c>ip</c>, <c>ipv4</c>, <c>ipv6</c> (literal addresses, optionally with a port; other values are ignored, as a
/// tracker must not fail a client over a hint it may not use).</para>
/// <para>Keys are matched exactly, unencoded; unknown keys are ignored. A repeated key is validated each time and
/// the last occurrence wins. Values are percent-decoded binary-safely with <c>+</c> as a space; a malformed escape
/// makes the value invalid.</para>
/// <para>Allocations: none beyond the strings for <c>key</c>/<c>trackerid</c> and a transient address for
/// <c>ip</c>/<c>ipv4</c>/<c>ipv6</c> when present, and, for char input longer than 1024, a pooled buffer.</para>
/// </remarks>
public static class HttpAnnounceRequestParser
{
    /// <summary>Parses a query received as bytes (with or without the leading <c>?</c>).</summary>
    public static HttpAnnounceParseResult Parse(ReadOnlySpan<byte> query, int defaultNumWant, int maxNumWant)
    {
        bool hasInfoHash = false, hasPeerId = false, hasPort = false, hasUploaded = false, hasDownloaded = false, hasLeft = false;
        TrackerHash infoHash = default, peerId = default;
        long port = 0, uploaded = 0, downloaded = 0, left = 0;
        long? corrupt = null;
        var trackerEvent = TrackerEvent.None;
        bool compact = true, noPeerId = false, supportCrypto = false;
        var numWant = (long)defaultNumWant;
        string? key = null, trackerId = null;
        PeerEndpoint? ip = null, ipv4 = null, ipv6 = null;

        var reader = new QueryParameterReader(query);
        while (reader.TryReadNext(out var name, out var value))
        {
            switch (name.Length)
            {
                case 2 when name.SequenceEqual("ip"u8):
                    ip = QueryValues.Address(value, null);
                    break;
                case 3 when name.SequenceEqual("key"u8):
                    if (!QueryValues.TryText(value, out key))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidKey);
                    }
                    break;
                case 4 when name.SequenceEqual("port"u8):
                    if (!QueryValues.TryNonNegative(value, out port) || port is < 1 or > ushort.MaxValue)
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidPort);
                    }
                    hasPort = true;
                    break;
                case 4 when name.SequenceEqual("left"u8):
                    if (!QueryValues.TryNonNegative(value, out left))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidLeft);
                    }
                    hasLeft = true;
                    break;
                case 4 when name.SequenceEqual("ipv4"u8):
                    ipv4 = QueryValues.Address(value, false);
                    break;
                case 4 when name.SequenceEqual("ipv6"u8):
                    ipv6 = QueryValues.Address(value, true);
                    break;
                case 5 when name.SequenceEqual("event"u8):
                    if (!TryEvent(value, out trackerEvent))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidEvent);
                    }
                    break;
                case 7 when name.SequenceEqual("peer_id"u8):
                    if (!QueryValues.TryHash(value, out peerId))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidPeerId);
                    }
                    hasPeerId = true;
                    break;
                case 7 when name.SequenceEqual("compact"u8):
                    if (value is not ([(byte)'0'] or [(byte)'1']))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidCompact);
                    }
                    compact = value[0] == (byte)'1';
                    break;
                case 7 when name.SequenceEqual("numwant"u8):
                    if (!QueryValues.TryNonNegative(value, out numWant))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidNumWant);
                    }
                    break;
                case 7 when name.SequenceEqual("corrupt"u8):
                    if (!QueryValues.TryNonNegative(value, out var corruptBytes))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidCorrupt);
                    }
                    corrupt = corruptBytes;
                    break;
                case 8 when name.SequenceEqual("uploaded"u8):
                    if (!QueryValues.TryNonNegative(value, out uploaded))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidUploaded);
                    }
                    hasUploaded = true;
                    break;
                case 9 when name.SequenceEqual("info_hash"u8):
                    if (!QueryValues.TryHash(value, out infoHash))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidInfoHash);
                    }
                    hasInfoHash = true;
                    break;
                case 9 when name.SequenceEqual("trackerid"u8):
                    if (!QueryValues.TryText(value, out trackerId))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidTrackerId);
                    }
                    break;
                case 10 when name.SequenceEqual("downloaded"u8):
                    if (!QueryValues.TryNonNegative(value, out downloaded))
                    {
                        return HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidDownloaded);
                    }
                    hasDownloaded = true;
                    break;
                case 10 when name.SequenceEqual("no_peer_id"u8):
                    noPeerId = value is not [(byte)'0'];
                    break;
                case 13 when name.SequenceEqual("supportcrypto"u8):
                    supportCrypto = value is [(byte)'1'];
                    break;
            }
        }

        var missing =
            !hasInfoHash ? HttpFailureReasons.MissingInfoHash :
            !hasPeerId ? HttpFailureReasons.MissingPeerId :
            !hasPort ? HttpFailureReasons.MissingPort :
            !hasUploaded ? HttpFailureReasons.MissingUploaded :
            !hasDownloaded ? HttpFailureReasons.MissingDownloaded :
            !hasLeft ? HttpFailureReasons.MissingLeft :
            null;
        if (missing is not null)
        {
            return HttpAnnounceParseResult.Failure(missing);
        }

        var listenPort = (ushort)port;
        return HttpAnnounceParseResult.Success(new HttpAnnounceRequest
        {
            InfoHash = infoHash,
            PeerId = peerId,
            Port = listenPort,
            Uploaded = uploaded,
            Downloaded = downloaded,
            Left = left,
            Event = trackerEvent,
            Compact = compact,
            NoPeerId = noPeerId,
            NumWant = (int)Math.Clamp(numWant, 0, Math.Max(0, maxNumWant)),
            Key = key,
            TrackerId = trackerId,
            Ip = ip?.WithPort(listenPort),
            Ipv4 = ipv4 is { Port: 0 } v4 ? v4.WithPort(listenPort) : ipv4,
            Ipv6 = ipv6 is { Port: 0 } v6 ? v6.WithPort(listenPort) : ipv6,
            Corrupt = corrupt,
            SupportCrypto = supportCrypto,
        });
    }

    /// <summary>Parses a query received as text; a char above U+00FF gives <see cref="HttpFailureReasons.InvalidQuery"/>.</summary>
    public static HttpAnnounceParseResult Parse(ReadOnlySpan<char> query, int defaultNumWant, int maxNumWant)
    {
        byte[]? rented = null;
        var bytes = query.Length <= QueryValues.StackQueryLimit
            ? stackalloc byte[query.Length]
            : (rented = ArrayPool<byte>.Shared.Rent(query.Length)).AsSpan(0, query.Length);
        try
        {
            return QueryValues.TryNarrow(query, bytes)
                ? Parse(bytes, defaultNumWant, maxNumWant)
                : HttpAnnounceParseResult.Failure(HttpFailureReasons.InvalidQuery);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryEvent(ReadOnlySpan<byte> value, out TrackerEvent trackerEvent)
    {
        trackerEvent = TrackerEvent.None;
        if (value.IsEmpty)
        {
            return true;
        }
        if (value.SequenceEqual("started"u8))
        {
            trackerEvent = TrackerEvent.Started;
        }
        else if (value.SequenceEqual("stopped"u8))
        {
            trackerEvent = TrackerEvent.Stopped;
        }
        else if (value.SequenceEqual("completed"u8))
        {
            trackerEvent = TrackerEvent.Completed;
        }
        else
        {
            return false;
        }
        return true;
    }
}
