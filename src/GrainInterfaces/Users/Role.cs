namespace Swarmgrid.GrainInterfaces.Users;

/// <summary>Roles in rising order of power; a role may do everything the roles below it may.</summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
    Superadmin = 4,
}

public static class Roles
{
    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
}
