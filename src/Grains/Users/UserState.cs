namespace Swarmgrid.Grains.Users;

public sealed class UserState
{
    public long TrackerUploaded { get; set; }

    public long TrackerDownloaded { get; set; }
}
