using System.Globalization;

namespace Swarmgrid.Hosting;

public static class IsoTime
{
    /// <summary>UTC with milliseconds and a Z, as the seeds print timestamps.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
