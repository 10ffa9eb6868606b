using System.Net;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// Two web fronts of one cluster (a silo and two fronts on Postgres): a client that learnt the session id from one front
/// is not sent back through the 409 by the other, and a torrent has the same id on both.
/// </summary>
public sealed class TransmissionClusterTests
{
    [SkippableFact]
    public async Task Both_fronts_accept_one_session_id_and_number_a_torrent_alike()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync();
        var clusterId = "transmission-" + Guid.NewGuid().ToString("N")[..8];
        var transmission = new Dictionary<string, string> { ["Faces:Transmission:Enabled"] = "true", ["Auth:LoginRateLimit:Enabled"] = "false" };
        await using var silo = SiloProcesses.StartClusterSilo(postgres, clusterId, FreePort.Next(), transmission);
        await silo.WaitForListeningAsync();
        await using var frontA = SiloProcesses.StartWebFront(postgres, clusterId, transmission);
        await using var frontB = SiloProcesses.StartWebFront(postgres, clusterId, transmission);
        using var a = new TransmissionRpc(await frontA.WaitForListeningAsync(), "/transmission/rpc", SiloProcesses.AdminUser, SiloProcesses.AdminPassword);
        var bAddress = await frontB.WaitForListeningAsync();
        var bytes = TorrentFixtures.SingleFileV1("cluster.bin", 35_001, out var hash);

        var added = await a.AddPausedAsync(bytes);
        using var http = new HttpClient { BaseAddress = bAddress, Timeout = TimeSpan.FromSeconds(30) };
        var learnt = await a.PostRawAsync("""{"method":"session-get","arguments":{"fields":["session-id"]}}""");
        var sessionId = (string)JsonNode.Parse(await learnt.Content.ReadAsStringAsync())!["arguments"]!["session-id"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/transmission/rpc")
        {
            Content = new StringContent("{\"method\":\"torrent-get\",\"arguments\":{\"fields\":[\"id\"],\"ids\":[\"" + hash + "\"]}}"),
        };
        request.Headers.Authorization = TransmissionRpc.Basic(SiloProcesses.AdminUser, SiloProcesses.AdminPassword);
        request.Headers.Add(TransmissionRpc.SessionHeader, sessionId);
        var onB = await http.SendAsync(request);
        var answer = JsonNode.Parse(await onB.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal("success", (string?)answer["result"]);
        Assert.Equal((int)added["id"]!, (int)answer["arguments"]!["torrents"]![0]!["id"]!);
    }
}
