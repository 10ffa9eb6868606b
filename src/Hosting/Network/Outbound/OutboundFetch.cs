namespace Swarmgrid.Hosting.Network.Outbound;

/// <summary>What to fetch and within which bounds; <c>ETag</c> and <c>LastModified</c> make it a conditional GET.</summary>
public sealed record OutboundRequest(Uri Url, long MaxBytes, TimeSpan Timeout, string? ETag = null, DateTimeOffset? LastModified = null);

/// <summary>A fetched body (empty when <see cref="NotModified"/>) with the validators for the next conditional GET.</summary>
public sealed record OutboundResponse(bool NotModified, byte[] Body, string? ContentType, string? ETag, DateTimeOffset? LastModified, Uri FinalUrl);

/// <summary>The URL, or a redirect or address on the way, is one a user may not make the server fetch.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>The upstream did not give a usable answer: unreachable, timed out, an error status, or a body over the cap.</summary>
public sealed class OutboundFailedException(string message, Exception? inner = null) : Exception(message, inner);
