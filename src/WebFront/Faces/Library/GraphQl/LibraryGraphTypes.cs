using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Swarmgrid.Data.Library;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library.GraphQl;

public sealed class LibraryTorrentGraphType : ObjectGraphType<LibraryItemRecord>
{
    public LibraryTorrentGraphType()
    {
        Name = "Torrent";
        Field("info_hash", t => t.InfoHash);
        Field("v2_info_hash", t => t.V2InfoHash, nullable: true);
        Field("title", t => t.Title);
        Field("name", t => t.Name);
        Field("content_type", t => t.ContentType);
        Field("size_bytes", t => t.SizeBytes);
        Field("file_count", t => t.FileCount);
        Field("created_at", t => t.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("magnet_uri").Resolve(context => LibraryTorrentDetail.From(context.Source, [], []).MagnetUri);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryFileGraphType>>>>("files").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<LibraryStore>().GetAsync(context.Source.InfoHash, context.CancellationToken) is { } found
                ? found.Files
                : []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryEvidenceGraphType>>>>("evidence").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<LibraryStore>().EvidenceOfAsync(context.Source.InfoHash, context.CancellationToken));
    }
}

public sealed class LibraryFileGraphType : ObjectGraphType<LibraryFileRecord>
{
    public LibraryFileGraphType()
    {
        Name = "File";
        Field("path", f => f.Path);
        Field("size_bytes", f => f.SizeBytes);
    }
}

public sealed class LibraryEvidenceGraphType : ObjectGraphType<LibraryEvidenceRecord>
{
    public LibraryEvidenceGraphType()
    {
        Name = "Evidence";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(context => EvidenceId.Format(context.Source.Id));
        Field("info_hash", e => e.InfoHash);
        Field("source", e => e.Source);
        Field("recorded_at", e => e.RecordedAt);
        Field("payload", e => e.Payload).Description("What the source saw, as JSON text.");
        Field<LibraryTorrentGraphType>("torrent").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<LibraryStore>().GetAsync(context.Source.InfoHash, context.CancellationToken) is { } found
                ? found.Item
                : null);
    }
}

public sealed class LibraryWantGraphType : ObjectGraphType<WantRecord>
{
    public LibraryWantGraphType()
    {
        Name = "Want";
        Field("id", w => w.Id);
        Field("title", w => w.Title);
        Field("content_type", w => w.ContentType);
        Field("query", w => w.Query);
        Field("priority", w => w.Priority);
        Field("status", w => w.Status);
        Field("notes", w => w.Notes, nullable: true);
        Field("auto_add", w => w.AutoAdd);
        Field("matched_info_hash", w => w.MatchedInfoHash, nullable: true);
        Field("created_at", w => w.CreatedAt);
        Field("updated_at", w => w.UpdatedAt);
    }
}

public sealed class LibraryNotificationGraphType : ObjectGraphType<NotificationRecord>
{
    public LibraryNotificationGraphType()
    {
        Name = "Notification";
        Field("id", n => n.Id);
        Field("type", n => n.Type);
        Field("message", n => n.Message);
        Field("read", n => n.Read);
        Field("info_hash", n => n.InfoHash, nullable: true);
        Field("want_id", n => n.WantId, nullable: true);
        Field("created_at", n => n.CreatedAt);
    }
}

public sealed class LibraryStatsGraphType : ObjectGraphType<LibraryTotals>
{
    public LibraryStatsGraphType()
    {
        Name = "Stats";
        Field("totalTorrents", s => s.Torrents);
        Field("totalEvidence", s => s.Evidence);
        Field("lastCrawlAt", s => s.LastCrawlAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryCategoryCountGraphType>>>>("categoryBreakdown")
            .Resolve(context => context.Source.ByContentType.OrderBy(c => c.Key, StringComparer.Ordinal).ToList());
    }
}

public sealed class LibraryCategoryCountGraphType : ObjectGraphType<KeyValuePair<string, long>>
{
    public LibraryCategoryCountGraphType()
    {
        Name = "CategoryCount";
        Field("content_type", c => c.Key);
        Field("count", c => c.Value);
    }
}

/// <summary>The library's queries; <c>wants</c> and <c>notifications</c> are the caller's own.</summary>
public sealed class LibraryQueryGraphType : ObjectGraphType
{
    public LibraryQueryGraphType()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryTorrentGraphType>>>>("torrents")
            .Argument<StringGraphType>("q")
            .Argument<StringGraphType>("contentType")
            .Argument<IntGraphType>("limit", "1 to 500, 50 when not given")
            .Argument<IntGraphType>("offset")
            .ResolveAsync(async context =>
            {
                var query = new LibrarySearchQuery(context.GetArgument<string?>("q"), context.GetArgument<string?>("contentType"),
                    context.GetArgument<int?>("limit"), context.GetArgument<int?>("offset"));
                if (query.Validate() is { } problem)
                {
                    throw new ExecutionError(problem);
                }
                var (items, _) = await context.RequestServices!.GetRequiredService<LibraryStore>().SearchAsync(
                    new LibrarySearch(query.Q, string.IsNullOrEmpty(query.ContentType) ? null : query.ContentType, query.Limit ?? 50, query.Offset ?? 0),
                    context.CancellationToken);
                return items;
            });
        Field<LibraryTorrentGraphType>("torrent")
            .Argument<NonNullGraphType<StringGraphType>>("infoHash")
            .ResolveAsync(async context =>
                await context.RequestServices!.GetRequiredService<LibraryStore>()
                    .GetAsync(context.GetArgument<string>("infoHash").ToLowerInvariant(), context.CancellationToken) is { } found ? found.Item : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryWantGraphType>>>>("wants").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<WantStore>().ListAsync(UserId(context), context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LibraryNotificationGraphType>>>>("notifications").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<NotificationStore>().ListAsync(UserId(context), 500, context.CancellationToken));
        Field<NonNullGraphType<LibraryStatsGraphType>>("stats").ResolveAsync(async context =>
            await context.RequestServices!.GetRequiredService<LibraryStore>().TotalsAsync(context.CancellationToken));
    }

    private static string UserId(IResolveFieldContext context) =>
        CurrentUser.Id(context.User ?? new ClaimsPrincipal()) ?? throw new ExecutionError("not signed in");
}

public sealed class LibrarySchema : Schema
{
    public LibrarySchema(IServiceProvider services, LibraryQueryGraphType query) : base(services)
    {
        Query = query;
    }
}
