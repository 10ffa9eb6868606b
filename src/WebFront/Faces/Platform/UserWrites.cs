using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>
/// Creating and changing users, with the checks that need the cluster (password policy, ranks, uniqueness); the
/// checks of the fields alone ran when the request was bound.
/// </summary>
public static class UserWrites
{
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(
        IGrainFactory grains, CreateUserRequest request, Role actorRole, Func<UserAccount, string> location)
    {
        var email = request.Email!.Trim();
        if (PasswordRules.Check(request.Password!, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
        {
            return ApiProblem.BadRequest(weak);
        }
        var role = Roles.TryParse(request.Role, out var given) ? given : Role.Viewer;
        if (role > actorRole)
        {
            return ApiProblem.Forbidden("you cannot grant a role above your own");
        }
        var id = SecretHash.NewId("usr_");
        var grain = grains.GetGrain<IUserGrain>(id);
        var status = await grain.CreateAsync(new UserChanges(UserFieldRules.NewUsername(request.Username, email), email, request.FullName, role,
            false, PasswordHasher.Hash(request.Password!)));
        if (status != UserWriteStatus.Done)
        {
            return ApiProblem.Conflict("username or email already in use");
        }
        var account = (await grain.GetAsync())!;
        return TypedResults.Created(location(account), UserResponse.From(account));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        IGrainFactory grains, string userId, UpdateUserRequest request, string actorId, Role actorRole)
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
        Role? role = Roles.TryParse(request.Role, out var parsed) ? parsed : null;
        if (role > actorRole)
        {
            return ApiProblem.Forbidden("you cannot change a role above your own");
        }
        string? passwordHash = null;
        if (request.Password is { } password)
        {
            if (PasswordRules.Check(password, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
            {
                return ApiProblem.BadRequest(weak);
            }
            passwordHash = PasswordHasher.Hash(password);
        }
        var disabled = request.IsActive is { } active ? !active : (bool?)null;
        var status = await grain.UpdateAsync(new UserChanges(request.Username?.Trim(), request.Email?.Trim(), request.FullName, role, disabled, passwordHash));
        return status switch
        {
            UserWriteStatus.Done => TypedResults.Ok(UserResponse.From((await grain.GetAsync())!)),
            UserWriteStatus.NameOrEmailTaken => ApiProblem.Conflict("username or email already in use"),
            _ => ApiProblem.NotFound($"no user {userId}"),
        };
    }
}
