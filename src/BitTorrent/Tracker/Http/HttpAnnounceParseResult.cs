using System.Diagnostics.CodeAnalysis;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Either a parsed announce or the reason it was refused (one of <see cref="HttpFailureReasons"/>).</summary>
public readonly struct HttpAnnounceParseResult
{
    private HttpAnnounceParseResult(HttpAnnounceRequest request, string? failureReason)
    {
        Request = request;
        FailureReason = failureReason;
    }

    /// <summary>Whether the query was a valid announce.</summary>
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool IsSuccess => FailureReason is null;

    /// <summary>The announce; default when parsing failed.</summary>
    public HttpAnnounceRequest Request { get; }

    /// <summary>Why the announce was refused, for the <c>failure reason</c> key; null on success.</summary>
    public string? FailureReason { get; }

    internal static HttpAnnounceParseResult Success(in HttpAnnounceRequest request) => new(request, null);

    internal static HttpAnnounceParseResult Failure(string reason) => new(default, reason);
}
