using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>User administration: the fleet seed's <c>/users</c> CRUD and the platform seed's <c>/admin/users</c> and <c>/admin/audit</c>.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var users = routes.MapGroup($"{prefix}/users").WithTags("Users").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>();
        users.MapGet("", List).Validate<PageQuery>().WithName("ListUsers");
        MapCreate(users, "").WithName("CreateUser");
        users.MapGet("/{id}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetUser");
        users.MapPut("/{id}", Update).AcceptsJsonUpTo().Validate<UpdateUserRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateUser");
        users.MapDelete("/{id}", Delete).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteUser");

        var admin = routes.MapGroup($"{prefix}/admin").WithTags("Admin").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>();
        admin.MapGet("/users", List).Validate<PageQuery>().WithName("AdminListUsers");
        MapCreate(admin, "/users").WithName("AdminCreateUser");
        admin.MapGet("/audit", Audit).Validate<PageQuery>().WithName("AdminAudit");
        return routes;
    }

    private static RouteHandlerBuilder MapCreate(RouteGroupBuilder group, string pattern) =>
        group.MapPost(pattern, Create).AcceptsJsonUpTo().Validate<CreateUserRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A page of users, with the total in <c>X-Total-Count</c>.</summary>
    public static async Task<Ok<List<UserResponse>>> List([AsParameters] PageQuery page, HttpContext context, IdentityStore identities, IGrainFactory grains)
    {
        var records = await identities.ListUsersAsync(page.LimitOr(100), page.Skip, context.RequestAborted);
        var accounts = await Task.WhenAll(records.Select(r => grains.GetGrain<IUserGrain>(r.Id).GetAsync().AsTask()));
        context.Response.Headers["X-Total-Count"] = (await identities.CountUsersAsync()).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(accounts.OfType<UserAccount>().Select(UserResponse.From).ToList());
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Create(
        CreateUserRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var created = await UserWrites.CreateAsync(grains, request, CurrentUser.Role(context.User), account => $"{context.Request.Path}/{account.Id}");
        if (created.Result is Created<UserResponse> { Value: { } account })
        {
            await audit.RecordAsync(context, "user_created", account.Id, $"role={account.Role}");
        }
        return created;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(id).GetAsync() is { } account
            ? TypedResults.Ok(UserResponse.From(account))
            : ApiProblem.NotFound($"no user {id}");

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Update(
        string id, UpdateUserRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var result = await UserWrites.UpdateAsync(grains, id, request, CurrentUser.Id(context.User)!, CurrentUser.Role(context.User));
        await audit.RecordAsync(context, "user_updated", id);
        return result;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(id);
        if (await user.GetAsync() is not { } account)
        {
            return ApiProblem.NotFound($"no user {id}");
        }
        if (id == CurrentUser.Id(context.User) || !Ranks.MayManage(CurrentUser.Id(context.User), CurrentUser.Role(context.User), id, account.Role))
        {
            return ApiProblem.Forbidden("you cannot delete yourself or a user whose role is not below your own");
        }
        await user.DeleteAsync();
        await audit.RecordAsync(context, "user_deleted", id);
        return TypedResults.NoContent();
    }

    /// <summary>A page of the audit trail, newest first, with the total in <c>X-Total-Count</c> and in the body.</summary>
    public static async Task<Ok<AuditPageResponse>> Audit([AsParameters] PageQuery page, HttpContext context, AuditStore store)
    {
        var (limit, offset) = (page.LimitOr(100), page.Skip);
        var (items, total) = await store.PageAsync(limit, offset, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(new AuditPageResponse(items.Select(AuditEntryResponse.From).ToList(), total, limit, offset));
    }
}
