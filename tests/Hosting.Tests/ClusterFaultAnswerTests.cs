using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.Hosting.Tests.Outbound;

namespace Swarmgrid.Hosting.Tests;

public sealed class ClusterFaultAnswerTests
{
    [Theory]
    [InlineData("storage")]
    [InlineData("silo")]
    [InlineData("timeout")]
    public async Task A_cluster_fault_is_a_503_problem_with_retry_after(string fault)
    {
        await using var server = await LocalServer.StartAsync(app =>
        {
            app.UseSwarmgridProblemDetails();
            app.MapGet("/fails", IResult (string kind) => kind switch
            {
                "storage" => throw new StorageUnavailableException("the database is unavailable; try again shortly"),
                "silo" => throw new SiloUnavailableException("gone"),
                _ => throw new TimeoutException("no answer"),
            });
        }, services => services.AddSwarmgridProblemDetails());
        using var client = new HttpClient();

        using var response = await client.GetAsync(server.Url($"/fails?kind={fault}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("try again", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Other_exceptions_stay_a_bare_500()
    {
        await using var server = await LocalServer.StartAsync(app =>
        {
            app.UseSwarmgridProblemDetails();
            app.MapGet("/fails", IResult () => throw new InvalidOperationException("internal detail"));
        }, services => services.AddSwarmgridProblemDetails());
        using var client = new HttpClient();

        using var response = await client.GetAsync(server.Url("/fails"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("internal detail", await response.Content.ReadAsStringAsync());
    }
}
