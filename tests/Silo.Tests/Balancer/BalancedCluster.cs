using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Balancer;

/// <summary>
/// Two silos and two web fronts on one Postgres database behind nginx (<see cref="NginxBalancer"/>), every process on
/// fixed loopback ports so that it can be restarted in place, and every one trusting the balancer (127.0.0.1) to name
/// the real client.
/// </summary>
public sealed class BalancedCluster : IAsyncLifetime
{
    private readonly string clusterId = "balanced-" + Guid.NewGuid().ToString("N")[..8];
    private string postgres = "";

    public List<Member> Silos { get; } = [];

    public List<Member> WebFronts { get; } = [];

    public NginxBalancer Balancer { get; private set; } = null!;

    /// <summary>A Swarmgrid process and how to start it again on the same ports.</summary>
    public sealed class Member(string name, int httpPort, Func<SwarmgridProcess> start)
    {
        public string Name { get; } = name;

        public int HttpPort { get; } = httpPort;

        public int UdpPort { get; init; }

        public SwarmgridProcess Process { get; set; } = start();

        public Func<SwarmgridProcess> Start { get; } = start;

        public Uri Address => new($"http://127.0.0.1:{HttpPort}/");
    }

    public async Task InitializeAsync()
    {
        TestEnvironment.Require(NginxBalancer.IsInstalled, "nginx is not installed (apt-get install nginx libnginx-mod-stream)");
        postgres = await TestPostgres.CreateDatabaseAsync();
        foreach (var name in new[] { "silo-a", "silo-b" })
        {
            var (http, udp, silo, gateway) = (FreePort.Next(), FreePort.NextUdp(), FreePort.Next(), FreePort.Next());
            var settings = new Dictionary<string, string>
            {
                ["urls"] = $"http://127.0.0.1:{http}",
                ["Tracker:UdpPort"] = udp.ToString(),
                ["Orleans:GatewayPort"] = gateway.ToString(),
                ["Tracker:TrustedProxies"] = "127.0.0.1",
                ["Tracker:RateLimit:Enabled"] = "false",
            };
            Silos.Add(new Member(name, http, () => SiloProcesses.StartClusterSilo(postgres, clusterId, silo, settings)) { UdpPort = udp });
        }
        await Task.WhenAll(Silos.Select(s => WaitHealthyAsync(s)));
        foreach (var name in new[] { "front-a", "front-b" })
        {
            var http = FreePort.Next();
            var settings = new Dictionary<string, string>
            {
                ["urls"] = $"http://127.0.0.1:{http}",
                ["Tracker:TrustedProxies"] = "127.0.0.1",
            };
            WebFronts.Add(new Member(name, http, () => SiloProcesses.StartWebFront(postgres, clusterId, settings)));
        }
        await Task.WhenAll(WebFronts.Select(f => WaitHealthyAsync(f)));
        Balancer = await NginxBalancer.StartAsync(Silos.Select(s => (s.HttpPort, s.UdpPort)), WebFronts.Select(f => f.HttpPort));
    }

    /// <summary>SIGTERM, wait for the exit, start it again on the same ports, and wait until its own /health answers 200.</summary>
    public async Task RestartAsync(Member member)
    {
        await member.Process.StopAsync(TimeSpan.FromSeconds(60));
        await member.Process.DisposeAsync();
        member.Process = member.Start();
        await WaitHealthyAsync(member);
    }

    private static async Task WaitHealthyAsync(Member member)
    {
        await member.Process.WaitForListeningAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthy = await Http.EventuallyAsync(async () => (await http.GetAsync(new Uri(member.Address, "/health"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60));
        Assert.True(healthy, $"{member.Name} never reported healthy:\n{member.Process.Output}");
    }

    public async Task DisposeAsync()
    {
        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }
        foreach (var member in WebFronts.Concat(Silos))
        {
            await member.Process.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BalancedClusterCollection : ICollectionFixture<BalancedCluster>
{
    public const string Name = "Balanced cluster";
}
