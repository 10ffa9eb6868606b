using Swarmgrid.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static Swarmgrid.Silo.Tests.Tracker.AnnounceUrl;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>Rate limits and signed passkeys, each on a silo configured for it.</summary>
public sealed class TrackerPolicyTests
{
    [Fact]
    public async Task RateLimit_AfterTheBurst_AnnouncesGetTheSeedsFailure_AndOtherRoutes429()
    {
        // The seed's burst of 10 with a slow refill, so a loaded machine cannot refill the bucket between the announces.
        await using var silo = SiloProcesses.StartEmbedded(NewDataDirectory(), new Dictionary<string, string> { ["Tracker:RateLimit:PermitsPerSecond"] = "1" });
        using var client = Http.For(await silo.WaitForListeningAsync());
        var hash = RandomHash();

        var answers = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(Bencoded.Failure(await Bencoded.GetAsync(client, Announce(hash, i, 9000 + i, left: 1))));
        }
        var registry = await client.GetAsync("/api/registry/search");

        Assert.All(answers.Take(10), Assert.Null);
        Assert.Contains("Rate limit exceeded. Please slow down.", answers.Skip(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, registry.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Null(Bencoded.Failure(await Bencoded.GetAsync(client, Announce(hash, 99, 9099, left: 1))));
    }

    [Fact]
    public async Task Passkeys_WhenASecretIsSet_AreRequiredChecked_AndCreditTheUser()
    {
        const string secret = "s3cret";
        await using var silo = SiloProcesses.StartEmbedded(NewDataDirectory(), new Dictionary<string, string>
        {
            ["Tracker:Secret"] = secret,
            ["Tracker:RateLimit:Enabled"] = "false",
            ["Tracker:FlushPeriod"] = "00:00:00.500",
        });
        using var client = Http.For(await silo.WaitForListeningAsync());
        var hash = RandomHash();
        var passkey = "alice." + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "alice"u8));
        var forged = "alice." + new string('0', 64);

        var plain = await Bencoded.GetAsync(client, Announce(hash, 1, 9101, left: 10));
        var bad = await Bencoded.GetAsync(client, Announce(hash, 1, 9101, left: 10, path: $"/announce/{forged}"));
        var malformed = await Bencoded.GetAsync(client, Announce(hash, 1, 9101, left: 10, path: "/announce/nodot"));
        var first = await Bencoded.GetAsync(client, Announce(hash, 1, 9101, left: 10, path: $"/announce/{passkey}"));
        var second = await Bencoded.GetAsync(client,
            $"/announce/{passkey}?info_hash={Encode(hash)}&peer_id={Encode(PeerId(1))}&port=9101&uploaded=4000&downloaded=1500&left=5");

        Assert.StartsWith("passkey required", Bencoded.Failure(plain));
        Assert.Equal("invalid passkey", Bencoded.Failure(bad));
        Assert.Equal("invalid passkey", Bencoded.Failure(malformed));
        Assert.Null(Bencoded.Failure(first));
        Assert.Null(Bencoded.Failure(second));
        JsonNode? traffic = null;
        Assert.True(await Http.EventuallyAsync(async () =>
        {
            traffic = await client.GetFromJsonAsync<JsonNode>("/api/tracker/users/alice");
            return (long)traffic!["uploaded"]! == 4000;
        }, TimeSpan.FromSeconds(15)), traffic?.ToJsonString());
        Assert.Equal(1500, (long)traffic!["downloaded"]!);
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "swarmgrid-policy", Guid.NewGuid().ToString("N"));
}
