using Xunit;

namespace Swarmgrid.TestSupport;

public static class TestEnvironment
{
    /// <summary>In CI a missing dependency fails the test; on a developer machine it skips it.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }
        if (IsCi)
        {
            throw new InvalidOperationException($"{reason} (CI=true, so this fails instead of skipping)");
        }
        throw new SkipException(reason);
    }
}
