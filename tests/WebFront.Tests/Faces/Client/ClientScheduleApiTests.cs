using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>The client face's schedule rules over HTTP: create, list, replace, delete, and every field checked.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientScheduleApiTests(EmbeddedSiloFixture fixture)
{
    private const string Rules = "/client/api/schedule_rules";

    private HttpClient Admin => fixture.Client;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<JsonArray> ListAsync() => JsonNode.Parse(await Admin.GetStringAsync(Rules))!.AsArray();

    private static object Rule(int days = 62, int start = 540, int end = 1020, long down = 100, long up = 50, bool altOnly = false, bool enabled = true, int? id = null) =>
        new { id, days_mask = days, start_min = start, end_min = end, down_kbps = down, up_kbps = up, alt_only = altOnly, enabled };

    [Fact]
    public async Task A_rule_is_created_listed_replaced_and_deleted()
    {
        var created = await Admin.PostAsJsonAsync(Rules, Rule(id: 424242, start: 1320, end: 360, altOnly: true));
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        try
        {
            var listed = (await ListAsync()).Single(r => (int)r!["id"]! == id)!;
            var replaced = await Admin.PutAsJsonAsync(Rules, Rule(id: id, days: 127, start: 0, end: 0, down: 0, up: 7, enabled: false));
            var relisted = (await ListAsync()).Single(r => (int)r!["id"]! == id)!;
            var deleted = await Admin.DeleteAsync($"{Rules}/{id}");

            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            Assert.NotEqual(424242, id);
            Assert.Equal($$"""{"id":{{id}},"days_mask":62,"start_min":1320,"end_min":360,"down_kbps":100,"up_kbps":50,"alt_only":true,"enabled":true}""",
                listed.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            Assert.Equal("{\"ok\":true}", await replaced.Content.ReadAsStringAsync());
            Assert.Equal($$"""{"id":{{id}},"days_mask":127,"start_min":0,"end_min":0,"down_kbps":0,"up_kbps":7,"alt_only":false,"enabled":false}""",
                relisted.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.DoesNotContain(await ListAsync(), r => (int)r!["id"]! == id);
        }
        finally
        {
            await Admin.DeleteAsync($"{Rules}/{id}");
        }
    }

    [Theory]
    [InlineData("""{"days_mask":128,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "days_mask must be between 0 and 127")]
    [InlineData("""{"days_mask":-1,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "days_mask must be between 0 and 127")]
    [InlineData("""{"days_mask":1,"start_min":1440,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "start_min must be between 0 and 1439")]
    [InlineData("""{"days_mask":1,"start_min":0,"end_min":-1,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "end_min must be between 0 and 1439")]
    [InlineData("""{"days_mask":1,"start_min":0,"end_min":60,"down_kbps":-1,"up_kbps":1,"alt_only":false,"enabled":true}""", "down_kbps must be between 0 and 10000000")]
    [InlineData("""{"days_mask":1,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":10000001,"alt_only":false,"enabled":true}""", "up_kbps must be between 0 and 10000000")]
    [InlineData("""{"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "days_mask is required")]
    [InlineData("""{"days_mask":1,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false}""", "enabled is required")]
    [InlineData("""{"days_mask":1,"start_min":"9am","end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "start_min must be an integer")]
    [InlineData("""{"days_mask":1.5,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":false,"enabled":true}""", "days_mask must be an integer")]
    [InlineData("""{"days_mask":1,"start_min":0,"end_min":60,"down_kbps":1,"up_kbps":1,"alt_only":"no","enabled":true}""", "alt_only must be true or false")]
    [InlineData("""[1,2]""", "request body must be a JSON object")]
    public async Task Bad_rules_are_400s_on_create_and_replace_and_nothing_is_kept(string body, string message)
    {
        var before = (await ListAsync()).ToJsonString();

        var created = await Admin.PostAsync(Rules, Json(body));
        var replaced = await Admin.PutAsync(Rules, Json(body.StartsWith('{') ? body.Replace("{", "{\"id\":1,", StringComparison.Ordinal) : body));

        foreach (var response in new[] { created, replaced })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        }
        Assert.Equal(before, (await ListAsync()).ToJsonString());
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_clear_errors()
    {
        var replaceMissing = await Admin.PutAsJsonAsync(Rules, Rule(id: int.MaxValue));
        var replaceWithoutId = await Admin.PutAsJsonAsync(Rules, Rule());
        var deleteMissing = await Admin.DeleteAsync($"{Rules}/{int.MaxValue}");
        var deleteWord = await Admin.DeleteAsync($"{Rules}/seven");
        var deleteNegative = await Admin.DeleteAsync($"{Rules}/-3");

        Assert.Equal(HttpStatusCode.NotFound, replaceMissing.StatusCode);
        Assert.Contains($"no schedule rule {int.MaxValue}", (string?)JsonNode.Parse(await replaceMissing.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, replaceWithoutId.StatusCode);
        Assert.Contains("id is required", (string?)JsonNode.Parse(await replaceWithoutId.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.NotFound, deleteMissing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deleteWord.StatusCode);
        Assert.Contains("positive integer", (string?)JsonNode.Parse(await deleteWord.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, deleteNegative.StatusCode);
    }
}
