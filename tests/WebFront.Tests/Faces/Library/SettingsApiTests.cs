using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

[Collection(EmbeddedSiloCollection.Name)]
public sealed class SettingsApiTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task GetSettings_ListsEachSettingWithDefaultValueAndOverridden()
    {
        var response = await Client.GetAsync("/api/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray();
        var downloads = items.Single(i => (string?)i!["key"] == "max_concurrent_downloads")!.AsObject();
        Assert.Equal(["key", "default", "value", "overridden"], downloads.Select(p => p.Key));
        Assert.Equal(5, (int)downloads["default"]!);
        Assert.All(items, item => Assert.Equal(4, item!.AsObject().Count));
    }

    [Fact]
    public async Task PutOverride_ValidValue_Returns200WithTheUpdatedSetting()
    {
        var response = await PutAsync("max_active_seeds", """{"value": 25}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("max_active_seeds", 10, 25, true),
            ((string?)body["key"], (int)body["default"]!, (int)body["value"]!, (bool)body["overridden"]!));
    }

    [Theory]
    [InlineData("""{"value": "twenty"}""", "must be an integer")]
    [InlineData("""{"value": 12.5}""", "must be an integer")]
    [InlineData("""{"value": -1}""", "between")]
    [InlineData("""{"value": 100000}""", "between")]
    [InlineData("""{"value": null}""", "must be an integer")]
    [InlineData("""{"val": 3}""", "'value' field")]
    [InlineData("""[3]""", "'value' field")]
    [InlineData("""{"value": 3""", "not valid JSON")]
    [InlineData("", "JSON object")]
    public async Task PutOverride_BadBody_Returns400WithAJsonErrorAndChangesNothing(string body, string message)
    {
        var before = await SettingAsync("max_concurrent_downloads");

        var response = await PutAsync("max_concurrent_downloads", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
        Assert.Contains(message, error);
        Assert.Equal(before.ToJsonString(), (await SettingAsync("max_concurrent_downloads")).ToJsonString());
    }

    [Fact]
    public async Task PutOverride_HugeBody_Returns413()
    {
        var huge = "{\"value\": 5, \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await PutAsync("max_concurrent_downloads", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task UnknownKey_Returns404OnPutAndDelete()
    {
        var put = await PutAsync("no_such_setting", """{"value": 1}""");
        var delete = await Client.DeleteAsync("/api/settings/overrides/no_such_setting");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("no_such_setting", (string?)JsonNode.Parse(await delete.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task DeleteOverride_Returns200WithTheDefaultRestored()
    {
        await PutAsync("evidence_retention_days", """{"value": 7}""");

        var response = await Client.DeleteAsync("/api/settings/overrides/evidence_retention_days");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((90, 90, false), ((int)body["default"]!, (int)body["value"]!, (bool)body["overridden"]!));
    }

    [Fact]
    public async Task Audit_RecordsEachChangeNewestFirst()
    {
        var value = Random.Shared.Next(5, 1440);
        await PutAsync("rss_refresh_interval_minutes", $$"""{"value": {{value}}}""");
        await Client.DeleteAsync("/api/settings/overrides/rss_refresh_interval_minutes");

        var items = JsonNode.Parse(await Client.GetStringAsync("/api/settings/audit?limit=1000"))!["items"]!.AsArray();

        var removed = items.First(i => (string?)i!["key"] == "rss_refresh_interval_minutes")!;
        Assert.Equal(("override_removed", value, 30), ((string?)removed["action"], (int)removed["old_value"]!, (int)removed["new_value"]!));
        var set = items.First(i => (string?)i!["key"] == "rss_refresh_interval_minutes" && (string?)i["action"] == "override_set")!;
        Assert.Equal(value, (int)set["new_value"]!);
        Assert.Equal(EmbeddedSiloFixture.AdminUser, (string?)set["changed_by"]);
        Assert.True(DateTimeOffset.TryParseExact((string?)set["changed_at"], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
        Assert.True(items.IndexOf(removed) < items.IndexOf(set));
    }

    [Fact]
    public async Task Audit_Limit_IsHonouredAndValidated()
    {
        await PutAsync("global_upload_limit_kib", """{"value": 100}""");
        await PutAsync("global_upload_limit_kib", """{"value": 200}""");

        var one = JsonNode.Parse(await Client.GetStringAsync("/api/settings/audit?limit=1"))!["items"]!.AsArray();

        Assert.Single(one);
        foreach (var bad in new[] { "0", "1001", "abc", "-1" })
        {
            var response = await Client.GetAsync($"/api/settings/audit?limit={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private Task<HttpResponseMessage> PutAsync(string key, string body) =>
        Client.PutAsync($"/api/settings/overrides/{key}", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> SettingAsync(string key)
    {
        var items = JsonNode.Parse(await Client.GetStringAsync("/api/settings"))!["items"]!.AsArray();
        return items.Single(i => (string?)i!["key"] == key)!;
    }
}
