using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.Identity.Tests;

public sealed class RanksTests
{
    [Theory]
    [InlineData(Role.Admin, Role.Superadmin, false)]
    [InlineData(Role.Admin, Role.Admin, false)]
    [InlineData(Role.Admin, Role.Operator, true)]
    [InlineData(Role.Superadmin, Role.Superadmin, false)]
    [InlineData(Role.Superadmin, Role.Admin, true)]
    [InlineData(Role.Viewer, Role.Viewer, false)]
    public void OthersMayBeManaged_OnlyFromAbove(Role actor, Role target, bool allowed) =>
        Assert.Equal(allowed, Ranks.MayManage("usr_actor", actor, "usr_target", target));

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Superadmin)]
    public void OneselfMayAlwaysBeManaged(Role role) => Assert.True(Ranks.MayManage("usr_me", role, "usr_me", role));
}
