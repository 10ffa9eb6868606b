using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

// The form fields of the face's posts, for the OpenAPI document only: handlers read them through QbtParams, as
// qBittorrent reads its parameters (booleans in any case, hashes separated by '|').

public sealed record QbtLoginForm([property: JsonPropertyName("username")] string Username, [property: JsonPropertyName("password")] string Password);

public sealed record QbtPreferencesForm([property: JsonPropertyName("json")] string Json);

/// <summary><c>hashes</c>: info-hashes separated by <c>|</c>, or <c>all</c>.</summary>
public sealed record QbtHashesForm([property: JsonPropertyName("hashes")] string Hashes);

public sealed record QbtDeleteForm([property: JsonPropertyName("hashes")] string Hashes, [property: JsonPropertyName("deleteFiles")] bool DeleteFiles);

public sealed record QbtSetCategoryForm([property: JsonPropertyName("hashes")] string Hashes, [property: JsonPropertyName("category")] string Category);

public sealed record QbtTorrentTagsForm([property: JsonPropertyName("hashes")] string Hashes, [property: JsonPropertyName("tags")] string Tags);

public sealed record QbtShareLimitsForm(
    [property: JsonPropertyName("hashes")] string Hashes,
    [property: JsonPropertyName("ratioLimit")] double RatioLimit,
    [property: JsonPropertyName("seedingTimeLimit")] long SeedingTimeLimit,
    [property: JsonPropertyName("inactiveSeedingTimeLimit")] long? InactiveSeedingTimeLimit);

public sealed record QbtLocationForm([property: JsonPropertyName("hashes")] string Hashes, [property: JsonPropertyName("location")] string Location);

public sealed record QbtForceStartForm([property: JsonPropertyName("hashes")] string Hashes, [property: JsonPropertyName("value")] bool Value);

public sealed record QbtCategoryForm([property: JsonPropertyName("category")] string Category, [property: JsonPropertyName("savePath")] string? SavePath);

/// <summary><c>categories</c>: names separated by newlines.</summary>
public sealed record QbtRemoveCategoriesForm([property: JsonPropertyName("categories")] string Categories);

/// <summary><c>tags</c>: names separated by commas.</summary>
public sealed record QbtTagsForm([property: JsonPropertyName("tags")] string Tags);

/// <summary>What <c>torrents/add</c> reads; the .torrent files come as multipart files.</summary>
public sealed record QbtAddForm(
    [property: JsonPropertyName("urls")] string? Urls,
    [property: JsonPropertyName("torrents")] IFormFile? Torrents,
    [property: JsonPropertyName("savepath")] string? SavePath,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("tags")] string? Tags,
    [property: JsonPropertyName("paused")] bool? Paused,
    [property: JsonPropertyName("stopped")] bool? Stopped,
    [property: JsonPropertyName("ratioLimit")] double? RatioLimit,
    [property: JsonPropertyName("seedingTimeLimit")] long? SeedingTimeLimit,
    [property: JsonPropertyName("inactiveSeedingTimeLimit")] long? InactiveSeedingTimeLimit,
    [property: JsonPropertyName("contentLayout")] string? ContentLayout,
    [property: JsonPropertyName("sequentialDownload")] bool? SequentialDownload,
    [property: JsonPropertyName("firstLastPiecePrio")] bool? FirstLastPiecePrio);

public static class QbtDocs
{
    /// <summary>
    /// Documents a form post: the fields of <typeparamref name="TForm"/>, url-encoded or multipart. Optional, so that a
    /// post with no body (or another content type) reaches the handler and gets qBittorrent's 400, not a 415.
    /// </summary>
    public static RouteHandlerBuilder Form<TForm>(this RouteHandlerBuilder builder) where TForm : notnull =>
        builder.WithMetadata(new AcceptsMetadata(["application/x-www-form-urlencoded", "multipart/form-data"], typeof(TForm), isOptional: true));

    /// <summary>Documents a plain-text answer (<c>Ok.</c>, <c>Fails.</c>, a version, or nothing).</summary>
    public static RouteHandlerBuilder Text(this RouteHandlerBuilder builder) => builder.Produces<string>(StatusCodes.Status200OK, "text/plain");
}
