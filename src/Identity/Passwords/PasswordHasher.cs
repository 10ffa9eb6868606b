using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), with the
/// OWASP-recommended cost (19 MiB, 2 passes, 1 lane); checks compare in constant time.
/// </summary>
public static class PasswordHasher
{
    private const int MemoryKiB = 19456;
    private const int Iterations = 2;
    private const int Parallelism = 1;

    // Verified when the user does not exist, so a wrong name costs as much time as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Compute(password, salt, MemoryKiB, Iterations, Parallelism, 32);
        return $"$argon2id$v=19$m={MemoryKiB},t={Iterations},p={Parallelism}${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(hash).TrimEnd('=')}";
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="encoded"/>. An empty password, a missing hash or a
    /// malformed one is false, after the same work as a real check, so a malformed login takes as long as a wrong one.
    /// </summary>
    public static bool Verify(string? password, string? encoded)
    {
        if (string.IsNullOrEmpty(password))
        {
            // Argon2 refuses an empty input; spend the time of a real check on the decoy instead.
            Verify(Decoy.Value, null);
            return false;
        }
        var parts = (encoded ?? Decoy.Value).Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || !TryReadCost(parts[3], out var cost))
        {
            return false;
        }
        var salt = FromUnpaddedBase64(parts[4]);
        var expected = FromUnpaddedBase64(parts[5]);
        var actual = Compute(password, salt, cost["m"], cost["t"], cost["p"], expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && encoded is not null;
    }

    private static bool TryReadCost(string text, out Dictionary<string, int> cost)
    {
        cost = [];
        foreach (var pair in text.Split(','))
        {
            if (pair.Split('=') is not [var name, var value] || !int.TryParse(value, out var number))
            {
                return false;
            }
            cost[name] = number;
        }
        return cost.ContainsKey("m") && cost.ContainsKey("t") && cost.ContainsKey("p");
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static byte[] FromUnpaddedBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
