namespace Swarmgrid.Data.Library;

/// <summary>
/// Content a user is looking for. <see cref="Status"/> is <c>active</c> until a library item matches
/// <see cref="Query"/> and <see cref="ContentType"/> (then <c>fulfilled</c>, with <see cref="MatchedInfoHash"/>) or the
/// user sets it. <see cref="AutoAdd"/> adds the matching torrent to the client face.
/// </summary>
public sealed record WantRecord(
    string Id, string UserId, string Title, string ContentType, string Query, string Priority, string Status, string? Notes,
    bool AutoAdd, string? MatchedInfoHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Active = "active";
    public const string Fulfilled = "fulfilled";
}

/// <summary>A message to one user; <see cref="InfoHash"/> and <see cref="WantId"/> say what it is about.</summary>
public sealed record NotificationRecord(
    string Id, string UserId, string Type, string Message, string? InfoHash, string? WantId, bool Read, DateTimeOffset CreatedAt);
