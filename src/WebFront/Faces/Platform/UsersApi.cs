using System.Globalization;
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
        users.MapGet("", List).WithName("ListUsers");
        users.MapPost("", Create).WithName("CreateUser");
        users.MapGet("/{id}", Get).WithName("GetUser");
        users.MapPut("/{id}", Update).WithName("UpdateUser");
        users.MapDelete("/{id}", Delete).WithName("DeleteUser");

        var admin = routes.MapGroup($"{prefix}/admin").WithTags("Admin").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>();
        admin.MapGet("/users", List).WithName("AdminListUsers");
        admin.MapPost("/users", Create).WithName("AdminCreateUser");
        admin.MapGet("/audit", Audit).WithName("AdminAudit");
        return routes;
    }

    public static async Task<IResult> List(HttpContext context, IdentityStore identities, IGrainFactory grains)
    {
        if (!Paging.TryRead(context, 100, out var limit, out var offset))
        {
            return ApiProblem.BadRequest("limit (1-1000) and offset must be non-negative integers");
        }
        var records = await identities.ListUsersAsync(limit, offset, context.RequestAborted);
        var accounts = await Task.WhenAll(records.Select(r => grains.GetGrain<IUserGrain>(r.Id).GetAsync().AsTask()));
        context.Response.Headers["X-Total-Count"] = (await identities.CountUsersAsync()).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(accounts.OfType<UserAccount>().Select(UserResponse.From).ToList());
    }

    public static async Task<IResult> Create(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var created = await UserWrites.CreateAsync(grains, json, Role.Viewer, allowRole: true, CurrentUser.Role(context.User));
            if (created.Account is not { } account)
            {
                return created.Problem!;
            }
            await audit.RecordAsync(context, "user_created", account.Id, $"role={Roles.Name(account.Role)}");
            return TypedResults.Created($"{context.Request.Path}/{account.Id}", UserResponse.From(account));
        });
    }

    public static async Task<IResult> Get(string id, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(id).GetAsync() is { } account
            ? TypedResults.Ok(UserResponse.From(account))
            : ApiProblem.NotFound($"no user {id}");

    public static async Task<IResult> Update(string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var result = await UserWrites.UpdateAsync(grains, id, json, allowRole: true, CurrentUser.Id(context.User)!, CurrentUser.Role(context.User));
            await audit.RecordAsync(context, "user_updated", id);
            return result;
        });
    }

    public static async Task<IResult> Delete(string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
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

    public static async Task<IResult> Audit(HttpContext context, AuditStore store)
    {
        if (!Paging.TryRead(context, 100, out var limit, out var offset))
        {
            return ApiProblem.BadRequest("limit (1-1000) and offset must be non-negative integers");
        }
        var (items, total) = await store.PageAsync(limit, offset, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(new
        {
            items = items.Select(e => new { id = e.Id, at = IsoTime.Format(e.At), actor = e.Actor, action = e.Action, target = e.Target, ip = e.Ip, details = e.Details }),
            total,
            limit,
            offset,
        });
    }
}
