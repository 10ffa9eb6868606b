using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

public static class PasswordRules
{
    /// <summary>Why <paramref name="password"/> breaks the policy, or null when it meets it.</summary>
    public static string? Check(string password, PasswordPolicy policy)
    {
        if (password.Length < policy.MinLength)
        {
            return $"password must be at least {policy.MinLength} characters";
        }
        if (password.Length > 1024)
        {
            return "password must be at most 1024 characters";
        }
        if (policy.RequireUppercase && !password.Any(char.IsUpper))
        {
            return "password must contain an uppercase letter";
        }
        if (policy.RequireLowercase && !password.Any(char.IsLower))
        {
            return "password must contain a lowercase letter";
        }
        if (policy.RequireDigit && !password.Any(char.IsDigit))
        {
            return "password must contain a digit";
        }
        return policy.RequireSymbol && password.All(char.IsLetterOrDigit) ? "password must contain a symbol" : null;
    }
}
