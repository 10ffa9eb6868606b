using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

[Collection(EmbeddedSiloCollection.Name)]
public sealed class RegistryVerifiedTests(EmbeddedSiloFixture fixture)
{
    private static string NewHash() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

    [Fact]
    public async Task An_admin_marks_an_entry_verified_and_an_upsert_keeps_the_mark()
    {
        var hash = NewHash();
        await fixture.Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "To verify" });

        var marked = await fixture.Client.PutAsJsonAsync($"/api/registry/verified?info_hash={hash}", new { verified = true });
        await fixture.Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "Renamed" });
        var entry = (await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash}"))!;
        var unmarked = await fixture.Client.PutAsJsonAsync($"/api/registry/verified?info_hash={hash}", new { verified = false });
        var after = (await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash}"))!;

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal("verified", (string?)(await marked.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(("Renamed", true), ((string?)entry["name"], (bool)entry["verified"]!));
        Assert.Equal(HttpStatusCode.OK, unmarked.StatusCode);
        Assert.False((bool)after["verified"]!);
    }

    [Theory]
    [InlineData("{}", "verified is required")]
    [InlineData("""{"verified":"yes"}""", "verified must be true or false")]
    [InlineData("[true]", "must be a JSON object")]
    public async Task Bad_bodies_are_400s(string body, string says)
    {
        var hash = NewHash();
        await fixture.Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "Bad bodies" });

        var answer = await fixture.Client.PutAsync($"/api/registry/verified?info_hash={hash}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(says, (string?)(await answer.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
    }

    [Fact]
    public async Task Unknown_entries_are_404_and_only_admins_may_verify()
    {
        var unknown = await fixture.Client.PutAsJsonAsync($"/api/registry/verified?info_hash={NewHash()}", new { verified = true });
        var malformed = await fixture.Client.PutAsJsonAsync("/api/registry/verified?info_hash=not-hex", new { verified = true });
        using var anonymous = fixture.Anonymous();
        var hash = NewHash();
        await fixture.Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "Operators may not verify" });
        var (_, operatorEmail) = await Users.CreateAsync(fixture.Client, "operator");
        var operatorToken = (string)(await Users.LoginAsync(anonymous, operatorEmail))["access_token"]!;
        var byOperator = await anonymous.SendAsync(Users.Bearer(HttpMethod.Put, $"/api/registry/verified?info_hash={hash}", operatorToken, new { verified = true }));
        var byNobody = await anonymous.PutAsJsonAsync($"/api/registry/verified?info_hash={hash}", new { verified = true });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.False((bool)(await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash}"))!["verified"]!);
    }
}
