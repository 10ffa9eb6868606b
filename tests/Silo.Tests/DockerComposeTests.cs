using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests;

public sealed class DockerComposeTests
{
    [SkippableFact]
    public async Task ComposeFile_PassesDockerComposeConfig()
    {
        TestEnvironment.Require(File.Exists("/usr/bin/docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");

        var services = await ExternalCommand.RunAsync("/usr/bin/docker-compose",
            ["-f", Path.Combine(Repository.Root, "docker-compose.yml"), "config", "--services"]);

        Assert.Equal(["balancer", "postgres", "silo", "webfront"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
