using System.Text.Json.Serialization;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>What a want may hold.</summary>
public static class WantRules
{
    public static readonly IReadOnlyList<string> Priorities = ["low", "medium", "high"];
    public static readonly IReadOnlyList<string> Statuses = [WantRecord.Active, WantRecord.Fulfilled, "cancelled"];

    public static string? Check(string? title, string? contentType, string? query, string? priority, string? status, string? notes) =>
        title is not null && (title.Trim().Length == 0 || title.Length > 200) ? "title must be 1 to 200 characters"
        : contentType is not null && !ContentTypes.All.Contains(contentType) ? $"content_type must be one of {string.Join(", ", ContentTypes.All)}"
        : query is not null && (query.Length > 500 || LibraryWords.Query(query).Count == 0) ? "query must hold at least one word and at most 500 characters"
        : priority is not null && !Priorities.Contains(priority) ? "priority must be low, medium or high"
        : status is not null && !Statuses.Contains(status) ? $"status must be one of {string.Join(", ", Statuses)}"
        : notes is { Length: > 2000 } ? "notes must be at most 2000 characters"
        : null;
}

/// <summary>A new want; <c>auto_add</c> (operators and above) adds the matching torrent to the client face.</summary>
public sealed record CreateWantRequest(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("priority")] string? Priority,
    [property: JsonPropertyName("notes")] string? Notes,
    [property: JsonPropertyName("auto_add")] bool? AutoAdd) : IValidatable
{
    public string? Validate() =>
        Title is null || ContentType is null || Query is null || Priority is null
            ? "title, content_type, query and priority are required"
            : WantRules.Check(Title, ContentType, Query, Priority, null, Notes);
}

/// <summary>A partial update: only the fields given change.</summary>
public sealed record UpdateWantRequest(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("priority")] string? Priority,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("notes")] string? Notes,
    [property: JsonPropertyName("auto_add")] bool? AutoAdd) : IValidatable
{
    public string? Validate() => WantRules.Check(Title, ContentType, Query, Priority, Status, Notes);
}

/// <summary>A want; <c>matched_info_hash</c> names the torrent that fulfilled it.</summary>
public sealed record WantResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("priority")] string Priority,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("notes")] string? Notes,
    [property: JsonPropertyName("auto_add")] bool AutoAdd,
    [property: JsonPropertyName("matched_info_hash")] string? MatchedInfoHash,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static WantResponse From(WantRecord want) => new(want.Id, want.Title, want.ContentType, want.Query, want.Priority, want.Status,
        want.Notes, want.AutoAdd, want.MatchedInfoHash, want.CreatedAt, want.UpdatedAt);
}

/// <summary>A notification; <c>info_hash</c> and <c>want_id</c> say what it is about.</summary>
public sealed record NotificationResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("info_hash")] string? InfoHash,
    [property: JsonPropertyName("want_id")] string? WantId)
{
    public static NotificationResponse From(NotificationRecord n) => new(n.Id, n.Type, n.Message, n.Read, n.CreatedAt, n.InfoHash, n.WantId);
}

public sealed record NotificationList([property: JsonPropertyName("items")] IReadOnlyList<NotificationResponse> Items);
