using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>
/// A user's wants. A want created while a matching torrent is already in the library is fulfilled at once by the
/// newest match; later matches come from the library indexer as torrents are seen.
/// </summary>
public static class WantsApi
{
    public static IEndpointRouteBuilder MapWantsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup($"{prefix}/wants").WithTags("Library").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        group.MapGet("", List).WithName("LibraryListWants");
        group.MapPost("", Create).AcceptsJsonUpTo().Validate<CreateWantRequest>().ProducesProblem(StatusCodes.Status403Forbidden).WithName("LibraryCreateWant");
        group.MapPut("/{id}", Update).AcceptsJsonUpTo().Validate<UpdateWantRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).WithName("LibraryUpdateWant");
        group.MapDelete("/{id}", Delete).ProducesProblem(StatusCodes.Status404NotFound).WithName("LibraryDeleteWant");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<WantResponse>>> List(ClaimsPrincipal user, WantStore wants, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WantResponse>>((await wants.ListAsync(CurrentUser.Id(user)!, cancellationToken)).Select(WantResponse.From).ToList());

    public static async Task<Results<Created<WantResponse>, ProblemHttpResult>> Create(
        CreateWantRequest request, ClaimsPrincipal user, WantStore wants, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.AutoAdd == true && CurrentUser.Role(user) < Role.Operator)
        {
            return ApiProblem.Forbidden("auto_add adds torrents to the client, which needs the operator role");
        }
        var now = clock.GetUtcNow();
        var want = new WantRecord("w_" + Guid.NewGuid().ToString("N")[..16], CurrentUser.Id(user)!, request.Title!.Trim(), request.ContentType!,
            request.Query!.Trim(), request.Priority!, WantRecord.Active, request.Notes, request.AutoAdd ?? false, null, now, now);
        await wants.InsertAsync(want, cancellationToken);
        if (await grains.GetGrain<ILibraryIndexerGrain>(0).MatchLibraryAsync(want.UserId, want.Id))
        {
            want = await wants.GetAsync(want.UserId, want.Id, cancellationToken) ?? want;
        }
        return TypedResults.Created($"/api/wants/{want.Id}", WantResponse.From(want));
    }

    public static async Task<Results<Ok<WantResponse>, ProblemHttpResult>> Update(
        string id, UpdateWantRequest request, ClaimsPrincipal user, WantStore wants, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await wants.GetAsync(CurrentUser.Id(user)!, id, cancellationToken) is not { } want)
        {
            return ApiProblem.NotFound($"no want with id '{id}'");
        }
        if (request.AutoAdd == true && CurrentUser.Role(user) < Role.Operator)
        {
            return ApiProblem.Forbidden("auto_add adds torrents to the client, which needs the operator role");
        }
        var updated = want with
        {
            Title = request.Title?.Trim() ?? want.Title,
            ContentType = request.ContentType ?? want.ContentType,
            Query = request.Query?.Trim() ?? want.Query,
            Priority = request.Priority ?? want.Priority,
            Status = request.Status ?? want.Status,
            Notes = request.Notes ?? want.Notes,
            AutoAdd = request.AutoAdd ?? want.AutoAdd,
            UpdatedAt = clock.GetUtcNow(),
        };
        await wants.UpdateAsync(updated, cancellationToken);
        return TypedResults.Ok(WantResponse.From(updated));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, WantStore wants, CancellationToken cancellationToken) =>
        await wants.DeleteAsync(CurrentUser.Id(user)!, id, cancellationToken) ? TypedResults.NoContent() : ApiProblem.NotFound($"no want with id '{id}'");
}
