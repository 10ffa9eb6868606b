namespace Swarmgrid.Grains.Torrents;

/// <summary>What a torrent grain keeps (stored as JSON): the source, where it saves, and the user's choices.</summary>
public sealed class TorrentGrainState
{
    public bool Added { get; set; }

    public byte[]? Metainfo { get; set; }

    public string? MagnetUri { get; set; }

    public string Name { get; set; } = "";

    public string SavePath { get; set; } = "";

    public List<int> FilePriorities { get; set; } = [];

    public bool Paused { get; set; }

    public bool ForceStart { get; set; }

    public int QueuePosition { get; set; }

    public string? Category { get; set; }

    public List<string> Tags { get; set; } = [];

    public DateTimeOffset AddedAt { get; set; }
}
