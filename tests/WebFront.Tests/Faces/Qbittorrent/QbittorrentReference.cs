using System.Diagnostics;
using System.Net;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// Debian's <c>qbittorrent-nox</c> run headless on loopback from a throwaway profile, its WebUI on a free port with
/// authentication off for localhost, as the reference the qBittorrent face is compared with. Killed on dispose.
/// </summary>
public sealed class QbittorrentReference : IAsyncDisposable
{
    public const string Program = "/usr/bin/qbittorrent-nox";

    private readonly Process process;
    private readonly string profile;

    private QbittorrentReference(Process process, string profile, Uri address)
    {
        this.process = process;
        this.profile = profile;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
    }

    public HttpClient Client { get; }

    public static void Require() => TestEnvironment.Require(File.Exists(Program), "qbittorrent-nox not found (apt-get install qbittorrent-nox)");

    public static async Task<QbittorrentReference> StartAsync(string downloads)
    {
        Require();
        var profile = Directory.CreateTempSubdirectory("swarmgrid-qbt-ref-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(profile, "qBittorrent", "config");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "qBittorrent.conf"), $"""
            [LegalNotice]
            Accepted=true

            [BitTorrent]
            Session\DHTEnabled=false
            Session\LSDEnabled=false
            Session\PeXEnabled=false
            Session\InterfaceAddress=127.0.0.1
            Session\MultiConnectionsPerIp=true
            Session\DefaultSavePath={downloads}
            Session\Port=0

            [Preferences]
            WebUI\Address=127.0.0.1
            WebUI\Port={port}
            WebUI\LocalHostAuth=false
            Connection\ResolvePeerCountries=false
            General\Locale=en
            """);
        var info = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"--profile={profile}");
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var reference = new QbittorrentReference(process, profile, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var answer = await reference.Client.GetAsync("/api/v2/app/webapiVersion");
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return reference;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await reference.DisposeAsync();
                throw new TimeoutException("qbittorrent-nox did not open its WebUI within 30 s");
            }
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        process.Dispose();
        Directory.Delete(profile, recursive: true);
    }
}
