using Microsoft.AspNetCore.Http.HttpResults;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>qBittorrent's plain-text answers.</summary>
public static class QbtText
{
    public static ContentHttpResult Ok(string text = "") => TypedResults.Text(text, "text/plain; charset=UTF-8", statusCode: StatusCodes.Status200OK);

    public static ContentHttpResult Status(int status, string text) => TypedResults.Text(text, "text/plain; charset=UTF-8", statusCode: status);

    public static ContentHttpResult BadRequest(string text = "Bad Request") => Status(StatusCodes.Status400BadRequest, text);

    public static ContentHttpResult NotFound(string text = "Not Found") => Status(StatusCodes.Status404NotFound, text);

    public static ContentHttpResult Conflict(string text) => Status(StatusCodes.Status409Conflict, text);

    public static ContentHttpResult Forbidden() => Status(StatusCodes.Status403Forbidden, "Forbidden");
}
