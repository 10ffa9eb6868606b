using System.Security.Cryptography;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Identity;

namespace Swarmgrid.Silo.Hosting;

/// <summary>
/// On a first start with no user, creates the superadmin from <c>Auth:Bootstrap:Username</c>/<c>:Password</c>; when
/// those are empty it generates a password and logs it this once (the security grain makes it happen once per cluster).
/// </summary>
public sealed class SuperadminBootstrap(
    IConfiguration configuration, IdentityStore identities, IGrainFactory grains, IHostApplicationLifetime lifetime,
    ILogger<SuperadminBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            await Task.Delay(Timeout.Infinite, started.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        // The database may be away at start-up; keep trying rather than leave the cluster without a way in.
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await BootstrapAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or OrleansException or TimeoutException)
            {
                logger.LogWarning(ex, "Superadmin bootstrap failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task BootstrapAsync(CancellationToken stoppingToken)
    {
        if (await identities.CountUsersAsync(stoppingToken) > 0)
        {
            return;
        }
        var username = configuration["Auth:Bootstrap:Username"] is { Length: > 0 } name ? name : "admin";
        var configured = configuration["Auth:Bootstrap:Password"];
        var password = configured is { Length: > 0 } ? configured : Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var email = username.Contains('@') ? username : $"{username}@localhost";
        if (await grains.GetGrain<ISecurityGrain>(0).BootstrapSuperadminAsync(username, email, PasswordHasher.Hash(password))
            && configured is not { Length: > 0 })
        {
            logger.LogWarning("Created the superadmin '{Username}' with the one-time password {Password} - it is not shown again; change it after logging in",
                username, password);
        }
        else if (configured is { Length: > 0 })
        {
            logger.LogInformation("Created the superadmin '{Username}' from Auth:Bootstrap", username);
        }
    }
}
