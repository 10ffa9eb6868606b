using System.Diagnostics;
using System.Text;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Balancer;

/// <summary>
/// Debian's nginx running <c>deploy/nginx/swarmgrid.conf</c> as <c>deploy/nginx/render.sh</c> writes it for loopback:
/// one HTTP and one UDP address in front of the given silos and web fronts.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string StreamModule = "/usr/lib/nginx/modules/ngx_stream_module.so";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string prefix;

    private NginxBalancer(Process process, string prefix, int httpPort, int udpPort)
    {
        this.process = process;
        this.prefix = prefix;
        HttpPort = httpPort;
        UdpPort = udpPort;
    }

    public int HttpPort { get; }

    public int UdpPort { get; }

    public Uri Address => new($"http://127.0.0.1:{HttpPort}/");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Renders the repository's config for <paramref name="silos"/> (HTTP and UDP ports) and <paramref name="webFronts"/>, then starts nginx.</summary>
    public static async Task<NginxBalancer> StartAsync(IEnumerable<(int Http, int Udp)> silos, IEnumerable<int> webFronts)
    {
        var prefix = Directory.CreateTempSubdirectory("swarmgrid-nginx-").FullName;
        var (httpPort, udpPort) = (FreePort.Next(), FreePort.NextUdp());
        var arguments = new List<string> { "--listen-http", $"127.0.0.1:{httpPort}", "--listen-udp", $"127.0.0.1:{udpPort}" };
        foreach (var (siloHttp, siloUdp) in silos)
        {
            arguments.AddRange(["--silo", $"127.0.0.1:{siloHttp}:{siloUdp}"]);
        }
        foreach (var port in webFronts)
        {
            arguments.AddRange(["--webfront", $"127.0.0.1:{port}"]);
        }
        if (File.Exists(StreamModule))
        {
            arguments.AddRange(["--stream-module", StreamModule]);
        }
        var config = await ExternalCommand.RunAsync(Path.Combine(Repository.Root, "deploy", "nginx", "render.sh"), arguments);
        var configPath = Path.Combine(prefix, "swarmgrid.conf");
        await File.WriteAllTextAsync(configPath, config);

        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", configPath, "-g", "daemon off;" })
        {
            info.ArgumentList.Add(argument);
        }
        var balancer = new NginxBalancer(Process.Start(info)!, prefix, httpPort, udpPort);
        balancer.process.OutputDataReceived += (_, e) => balancer.Append(e.Data);
        balancer.process.ErrorDataReceived += (_, e) => balancer.Append(e.Data);
        balancer.process.BeginOutputReadLine();
        balancer.process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var up = await Http.EventuallyAsync(async () => (await http.GetAsync(new Uri(balancer.Address, "/health"))).IsSuccessStatusCode, TimeSpan.FromSeconds(30));
        Assert.True(up, $"nginx did not answer /health through a web front:\n{balancer.Output}");
        return balancer;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(prefix, recursive: true);
    }
}
