
namespace Swarmgrid.TestSupport;

/// <summary>Starts src/Silo and src/WebFront as real processes with test-friendly settings.</summary>
public static class SiloProcesses
{
    // Fast failure detection so a killed silo is declared dead in seconds rather than a minute.
    private static readonly Dictionary<string, string> FastMembership = new()
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password";

    public static SwarmgridProcess StartEmbedded(string dataDirectory, IReadOnlyDictionary<string, string>? extra = null) =>
        SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", Merge(new Dictionary<string, string>
        {
            ["Auth:Bootstrap:Username"] = AdminUser,
            ["Auth:Bootstrap:Password"] = AdminPassword,
            ["Swarmgrid:DataDir"] = dataDirectory,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
        }, extra));

    public static SwarmgridProcess StartClusterSilo(string postgres, string clusterId, out int siloPort) =>
        StartClusterSilo(postgres, clusterId, siloPort = FreePort.Next());

    /// <summary>A cluster silo on <paramref name="siloPort"/> with <paramref name="extra"/> settings over the test defaults.</summary>
    public static SwarmgridProcess StartClusterSilo(string postgres, string clusterId, int siloPort, IReadOnlyDictionary<string, string> extra) =>
        SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", Merge(Merge(new Dictionary<string, string>
        {
            ["Swarmgrid:Postgres"] = postgres,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Auth:Bootstrap:Username"] = AdminUser,
            ["Auth:Bootstrap:Password"] = AdminPassword,
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
        }, FastMembership), extra));

    public static SwarmgridProcess StartClusterSilo(string postgres, string clusterId, int siloPort) =>
        SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", Merge(new Dictionary<string, string>
        {
            ["Swarmgrid:Postgres"] = postgres,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Auth:Bootstrap:Username"] = AdminUser,
            ["Auth:Bootstrap:Password"] = AdminPassword,
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
        }, FastMembership));

    public static SwarmgridProcess StartWebFront(string postgres, string clusterId, IReadOnlyDictionary<string, string>? extra = null) =>
        SwarmgridProcess.Start("WebFront", "Swarmgrid.WebFront", Merge(new Dictionary<string, string>
        {
            ["Swarmgrid:Postgres"] = postgres,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
        }, extra));

    private static Dictionary<string, string> Merge(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }
}
