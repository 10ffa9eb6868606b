using System.Net.Mail;
using System.Text.Json;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>Creating and changing users from JSON bodies, with the checks every route that does so needs.</summary>
public static class UserWrites
{
    public sealed record Created(UserAccount? Account, IResult? Problem);

    public static async Task<Created> CreateAsync(IGrainFactory grains, JsonElement body, Role defaultRole, bool allowRole, Role actorRole = Role.Viewer)
    {
        var email = JsonFields.Text(body, "email")?.Trim();
        var password = JsonFields.Text(body, "password");
        if (email is null || !MailAddress.TryCreate(email, out _))
        {
            return new Created(null, ApiProblem.BadRequest("a valid email is required"));
        }
        if (password is null)
        {
            return new Created(null, ApiProblem.BadRequest("password is required"));
        }
        if (PasswordRules.Check(password, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
        {
            return new Created(null, ApiProblem.BadRequest(weak));
        }
        var role = defaultRole;
        if (allowRole && JsonFields.Text(body, "role") is { } roleText)
        {
            if (!Roles.TryParse(roleText, out role))
            {
                return new Created(null, ApiProblem.BadRequest("role must be viewer, operator, admin or superadmin"));
            }
            if (role > actorRole)
            {
                return new Created(null, ApiProblem.Forbidden("you cannot grant a role above your own"));
            }
        }
        var username = JsonFields.Text(body, "username")?.Trim() is { Length: > 0 } given ? given : email.Split('@')[0];
        if (username.Length > 100 || username.Contains(':'))
        {
            return new Created(null, ApiProblem.BadRequest("username must be at most 100 characters, without ':'"));
        }
        var id = SecretHash.NewId("usr_");
        var grain = grains.GetGrain<IUserGrain>(id);
        var status = await grain.CreateAsync(new UserChanges(username, email, JsonFields.Text(body, "full_name"), role, false, PasswordHasher.Hash(password)));
        return status == UserWriteStatus.Done
            ? new Created(await grain.GetAsync(), null)
            : new Created(null, ApiProblem.Conflict("username or email already in use"));
    }

    public static async Task<IResult> UpdateAsync(IGrainFactory grains, string userId, JsonElement body, bool allowRole, string actorId, Role actorRole)
    {
        var grain = grains.GetGrain<IUserGrain>(userId);
        if (await grain.GetAsync() is not { } current)
        {
            return ApiProblem.NotFound($"no user {userId}");
        }
        if (!Ranks.MayManage(actorId, actorRole, userId, current.Role))
        {
            return ApiProblem.Forbidden("you cannot change a user whose role is not below your own");
        }
        Role? role = null;
        if (allowRole && JsonFields.Text(body, "role") is { } roleText)
        {
            if (!Roles.TryParse(roleText, out var parsed))
            {
                return ApiProblem.BadRequest("role must be viewer, operator, admin or superadmin");
            }
            if (parsed > actorRole)
            {
                return ApiProblem.Forbidden("you cannot change a role above your own");
            }
            role = parsed;
        }
        var email = JsonFields.Text(body, "email")?.Trim();
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            return ApiProblem.BadRequest("a valid email is required");
        }
        string? passwordHash = null;
        if (allowRole && JsonFields.Text(body, "password") is { } password)
        {
            if (PasswordRules.Check(password, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
            {
                return ApiProblem.BadRequest(weak);
            }
            passwordHash = PasswordHasher.Hash(password);
        }
        var disabled = allowRole && JsonFields.Flag(body, "is_active") is { } active ? !active : (bool?)null;
        var status = await grain.UpdateAsync(new UserChanges(JsonFields.Text(body, "username")?.Trim(), email,
            JsonFields.Text(body, "full_name"), role, disabled, passwordHash));
        return status switch
        {
            UserWriteStatus.Done => TypedResults.Ok(UserResponse.From((await grain.GetAsync())!)),
            UserWriteStatus.NameOrEmailTaken => ApiProblem.Conflict("username or email already in use"),
            _ => ApiProblem.NotFound($"no user {userId}"),
        };
    }

}
