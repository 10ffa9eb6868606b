using System.Security.Cryptography;
using System.Text;

namespace Swarmgrid.Grains.Library;

/// <summary>
/// The demo data of <c>POST /api/seed-demo</c>: 50 torrents of every content type, three sightings each, and five wants
/// and ten notifications for the caller. Ids and hashes derive from fixed names, so seeding twice adds nothing.
/// </summary>
public static class DemoCatalog
{
    public const int Torrents = 50;
    public const int EvidencePerTorrent = 3;
    public const int Wants = 5;
    public const int Notifications = 10;

    public static readonly IReadOnlyList<string> EvidenceSources = ["dht", "tracker", "registry"];

    private static readonly (string Name, string[] Files)[] Releases =
    [
        ("Night.Train.2024.1080p.WEB-DL.x264-DEMO", ["Night.Train.2024.1080p.WEB-DL.x264-DEMO.mkv"]),
        ("Glass.Harbor.2019.2160p.BluRay.x265-DEMO", ["Glass.Harbor.2019.2160p.BluRay.x265-DEMO.mkv", "sample.mkv"]),
        ("Paper.Lanterns.2021.720p.WEBRip.x264-DEMO", ["Paper.Lanterns.2021.720p.WEBRip.x264-DEMO.mp4"]),
        ("The.Quiet.Orchard.2023.1080p.BluRay.x264-DEMO", ["The.Quiet.Orchard.2023.1080p.BluRay.x264-DEMO.mkv"]),
        ("Copper.Sky.2018.1080p.WEB-DL.DDP5.1.H.264-DEMO", ["Copper.Sky.2018.mkv"]),
        ("Harbor.Lights.S01E01.1080p.WEB.H264-DEMO", ["Harbor.Lights.S01E01.mkv"]),
        ("Harbor.Lights.S01E02.1080p.WEB.H264-DEMO", ["Harbor.Lights.S01E02.mkv"]),
        ("Salt.and.Stone.S02.720p.HDTV.x264-DEMO", ["Salt.and.Stone.S02E01.mkv", "Salt.and.Stone.S02E02.mkv"]),
        ("Northern.Line.S03E05.2160p.WEB-DL.x265-DEMO", ["Northern.Line.S03E05.mkv"]),
        ("Kitchen.Table.Season.1.Complete.720p", ["e01.mkv", "e02.mkv", "e03.mkv"]),
        ("Aurora Drift - Low Tides (2022) [FLAC]", ["01 - Low Tides.flac", "02 - Undertow.flac", "cover.jpg"]),
        ("The Field Recordings - Volume One (2020) MP3 320kbps", ["01 - Morning.mp3", "02 - Noon.mp3"]),
        ("Marble Choir - Echoes (2017) [FLAC]", ["01 - Echoes.flac"]),
        ("Open Strings Quartet - Live (2016) MP3", ["live.mp3"]),
        ("Slow Orbit - Satellites EP (2023) [FLAC]", ["01 - Satellites.flac", "02 - Apogee.flac"]),
        ("Public Domain Classics Collection EPUB", ["moby-dick.epub", "pride-and-prejudice.epub"]),
        ("Introduction to Algorithms Notes PDF", ["algorithms-notes.pdf"]),
        ("Field Guide to Birds ebook", ["birds.epub"]),
        ("Comics Anthology Vol 1", ["anthology-vol1.cbz"]),
        ("Poetry Reader EPUB", ["poetry.epub"]),
        ("debian-12.7.0-amd64-netinst.iso", ["debian-12.7.0-amd64-netinst.iso"]),
        ("ubuntu-24.04.1-desktop-amd64.iso", ["ubuntu-24.04.1-desktop-amd64.iso"]),
        ("fedora-workstation-40-x86_64.iso", ["Fedora-Workstation-Live-x86_64-40.iso"]),
        ("libreoffice-24.8-linux-x86_64-deb", ["LibreOffice_24.8_Linux_x86-64_deb.tar.gz"]),
        ("blender-4.2-linux-x64", ["blender-4.2-linux-x64.tar.xz"]),
        ("Starfield.Frontier-RUNE", ["rune-starfield.iso", "rune.nfo"]),
        ("Lantern Keep [FitGirl Repack]", ["setup.exe", "data.bin"]),
        ("Ocean.Rally.GOTY.Edition-CODEX", ["codex-oceanrally.iso"]),
        ("Pixel.Farmers-PLAZA", ["plaza-pixelfarmers.iso"]),
        ("Tiny.Racers-TENOKE", ["tenoke-tinyracers.iso"]),
        ("common-crawl-sample-2024", ["part-0000.parquet", "part-0001.parquet", "README.md"]),
        ("openstreetmap-extract-europe", ["europe.csv.gz"]),
        ("imagenet-validation-subset", ["val.tfrecord"]),
        ("wikipedia-en-abstracts", ["abstracts.jsonl"]),
        ("weather-stations-1990-2020", ["stations.csv", "readings.parquet"]),
        ("Llama-3.1-8B-Instruct", ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "config.json"]),
        ("mistral-7b-instruct-v0.2.Q4_K_M.gguf", ["mistral-7b-instruct-v0.2.Q4_K_M.gguf"]),
        ("whisper-large-v3", ["model.safetensors", "tokenizer.json"]),
        ("stable-diffusion-xl-base-1.0", ["sd_xl_base_1.0.safetensors"]),
        ("resnet50-onnx", ["resnet50.onnx"]),
        ("Conference Talks 2024 Video Archive 1080p", ["talk-01.mp4", "talk-02.mp4"]),
        ("Holiday Photos 2023", ["a.jpg", "b.jpg", "c.jpg"]),
        ("Mixed Backup Archive", ["backup.7z"]),
        ("Font Collection", ["fonts.zip"]),
        ("Wallpapers 4K Pack", ["w1.png", "w2.png"]),
        ("Sunset.Boulevard.Redux.2022.1080p.WEB-DL.x264-DEMO", ["Sunset.Boulevard.Redux.2022.mkv"]),
        ("Deep.Waters.S01E03.720p.WEB.x264-DEMO", ["Deep.Waters.S01E03.mkv"]),
        ("Violet Hours - Nocturnes (2015) [FLAC]", ["01 - Nocturne.flac"]),
        ("arch-linux-2024.11.01-x86_64.iso", ["archlinux-2024.11.01-x86_64.iso"]),
        ("city-bike-trips-2023", ["trips.csv"]),
    ];

    /// <summary>The demo torrents: hex hash, name and files with sizes.</summary>
    public static IEnumerable<(string InfoHash, string Name, IReadOnlyList<(string Path, long Size)> Files)> Items() =>
        Releases.Select((release, i) => (
            Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"swarmgrid demo torrent {i}"))),
            release.Name,
            (IReadOnlyList<(string, long)>)release.Files.Select((f, j) => (f, 1_000_000L * (i + 1) * (j == 0 ? 100 : 1))).ToList()));

    public static string WantId(string userId, int i) => $"w_demo{i}_{Short(userId)}";

    public static string NotificationId(string userId, int i) => $"n_demo{i}_{Short(userId)}";

    private static string Short(string userId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..12];
}
