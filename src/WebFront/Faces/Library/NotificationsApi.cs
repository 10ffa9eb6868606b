using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>The caller's notifications (newest first, the latest 500) and read marking; live on <c>/hubs/dashboard</c> topic <c>notifications</c>.</summary>
public static class NotificationsApi
{
    private const int Newest = 500;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup($"{prefix}/notifications").WithTags("Library").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        group.MapGet("", List).WithName("LibraryListNotifications");
        group.MapPut("/{id}/read", MarkRead).ProducesProblem(StatusCodes.Status404NotFound).WithName("LibraryMarkNotificationRead");
        return routes;
    }

    public static async Task<Ok<NotificationList>> List(ClaimsPrincipal user, NotificationStore notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationList((await notifications.ListAsync(CurrentUser.Id(user)!, Newest, cancellationToken)).Select(NotificationResponse.From).ToList()));

    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkRead(
        string id, ClaimsPrincipal user, NotificationStore notifications, CancellationToken cancellationToken) =>
        await notifications.MarkReadAsync(CurrentUser.Id(user)!, id, cancellationToken) is { } marked
            ? TypedResults.Ok(NotificationResponse.From(marked))
            : ApiProblem.NotFound($"no notification with id '{id}'");
}
