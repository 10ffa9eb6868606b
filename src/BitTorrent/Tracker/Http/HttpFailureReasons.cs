namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// The failure reasons the HTTP request parsers return, each suitable as a bencoded <c>failure reason</c>.
/// "missing" means the key is absent; "invalid" means a value that does not decode or is out of range.
/// </summary>
public static class HttpFailureReasons
{
    public const string InvalidQuery = "invalid query";
    public const string MissingInfoHash = "missing info_hash";
    public const string InvalidInfoHash = "invalid info_hash";
    public const string MissingPeerId = "missing peer_id";
    public const string InvalidPeerId = "invalid peer_id";
    public const string MissingPort = "missing port";
    public const string InvalidPort = "invalid port";
    public const string MissingUploaded = "missing uploaded";
    public const string InvalidUploaded = "invalid uploaded";
    public const string MissingDownloaded = "missing downloaded";
    public const string InvalidDownloaded = "invalid downloaded";
    public const string MissingLeft = "missing left";
    public const string InvalidLeft = "invalid left";
    public const string InvalidEvent = "invalid event";
    public const string InvalidCompact = "invalid compact";
    public const string InvalidNumWant = "invalid numwant";
    public const string InvalidKey = "invalid key";
    public const string InvalidTrackerId = "invalid trackerid";
    public const string InvalidCorrupt = "invalid corrupt";
    public const string TooManyInfoHashes = "too many info_hash";
}
