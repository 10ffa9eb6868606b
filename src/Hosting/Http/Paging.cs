using System.Globalization;

namespace Swarmgrid.Hosting;

public static class Paging
{
    /// <summary>Reads <c>limit</c> (1–1000) and <c>offset</c> (≥ 0) from the query; false when either is malformed.</summary>
    public static bool TryRead(HttpContext context, int defaultLimit, out int limit, out int offset)
    {
        limit = defaultLimit;
        offset = 0;
        var query = context.Request.Query;
        return (query["limit"].ToString() is not { Length: > 0 } l || (int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 1000))
               && (query["offset"].ToString() is not { Length: > 0 } o || int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset));
    }
}
