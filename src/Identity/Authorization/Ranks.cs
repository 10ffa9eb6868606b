using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Who may act on whose account: oneself, or a user of a lower role. Nobody changes, disables, deletes or resets the
/// credentials, sessions or keys of a user of their own rank or above, so two admins cannot lock each other out and no
/// admin can take over a superadmin.
/// </summary>
public static class Ranks
{
    public static bool MayManage(string? actorId, Role actorRole, string targetId, Role targetRole) =>
        actorId == targetId || targetRole < actorRole;
}
