using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Torrents;

/// <summary>What a torrent grain keeps (stored as JSON): the source, where it saves, the user's choices and lifetime totals.</summary>
public sealed class TorrentGrainState
{
    public bool Added { get; set; }

    public byte[]? Metainfo { get; set; }

    /// <summary>The magnet link the torrent was added from; null for a .torrent file.</summary>
    public string? MagnetUri { get; set; }

    /// <summary>The link to show: the one added from, or one made from the metadata.</summary>
    public string Magnet { get; set; } = "";

    public string Name { get; set; } = "";

    public string SavePath { get; set; } = "";

    /// <summary>Files in the torrent; null while a magnet link's metadata is unknown.</summary>
    public int? FileCount { get; set; }

    public List<int> FilePriorities { get; set; } = [];

    public bool Paused { get; set; }

    public bool ForceStart { get; set; }

    /// <summary>Every wanted piece was verified when last checked: the queue counts the torrent as a seed.</summary>
    public bool Seeding { get; set; }

    public int? CategoryId { get; set; }

    public List<int> TagIds { get; set; } = [];

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Bytes downloaded and uploaded over the torrent's life, as of the last save.</summary>
    public long Downloaded { get; set; }

    public long Uploaded { get; set; }

    /// <summary>Seconds the torrent ran complete, as of the last save (share limits count them).</summary>
    public long SeedingSeconds { get; set; }

    /// <summary>When its data was first found complete.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When it last moved data either way.</summary>
    public DateTimeOffset? LastActivity { get; set; }

    /// <summary>Its own share limits (-2 takes the global one, -1 none).</summary>
    public double RatioLimit { get; set; } = ShareLimits.UseGlobal;

    public int SeedingTimeLimit { get; set; } = ShareLimits.UseGlobal;

    public int InactiveSeedingTimeLimit { get; set; } = ShareLimits.UseGlobal;
}
