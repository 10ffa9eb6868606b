using System.Security.Cryptography;
using System.Text;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// The keys of the identity system. The JWT signing key comes from <c>Auth:Jwt:SigningKey</c>, or is generated once
/// and kept by the security grain so every web front shares it. The master key that encrypts secrets at rest comes
/// from <c>Auth:MasterKey</c> (base64, 32 bytes), or from <c>master.key</c> in the data directory, created on first start.
/// </summary>
public sealed class AuthKeys(IConfiguration configuration, IGrainFactory grains)
{
    private readonly Lazy<Task<byte[]>> signingKey = new(() => LoadSigningKeyAsync(configuration, grains));
    private readonly Lazy<byte[]> masterKey = new(() => LoadMasterKey(configuration));

    public Task<byte[]> SigningKeyAsync() => signingKey.Value;

    public byte[] MasterKey => masterKey.Value;

    private static async Task<byte[]> LoadSigningKeyAsync(IConfiguration configuration, IGrainFactory grains) =>
        configuration["Auth:Jwt:SigningKey"] is { Length: >= 32 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : await grains.GetGrain<ISecurityGrain>(0).GetSigningKeyAsync();

    private static byte[] LoadMasterKey(IConfiguration configuration)
    {
        if (configuration["Auth:MasterKey"] is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length == 32 ? key : throw new StartupConfigurationException("Auth:MasterKey must be 32 bytes, base64-encoded");
        }
        var dataDirectory = SwarmgridConfiguration.From(configuration).DataDirectory;
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "master.key");
        if (!File.Exists(path))
        {
            var created = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(path, Convert.ToBase64String(created));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
