using System.Security.Cryptography;
using System.Text;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>AES-256-GCM under the master key, for secrets that must be read back (TOTP seeds).</summary>
public sealed class SecretProtector(AuthKeys keys)
{
    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(keys.MasterKey, 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Unprotect(string protectedSecret)
    {
        var bytes = Convert.FromBase64String(protectedSecret);
        var plain = new byte[bytes.Length - 28];
        using var aes = new AesGcm(keys.MasterKey, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
