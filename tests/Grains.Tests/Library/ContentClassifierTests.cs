using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.Grains.Library;

namespace Swarmgrid.Grains.Tests.Library;

/// <summary>Content types and clean titles from real-world release names and file lists.</summary>
public sealed class ContentClassifierTests
{
    public static TheoryData<string, string[], string, string> Releases => new()
    {
        { "Oppenheimer.2023.2160p.UHD.BluRay.x265.10bit.HDR.DTS-HD.MA.5.1-SWTYR", ["Oppenheimer.2023.2160p.UHD.BluRay.x265.10bit.HDR.DTS-HD.MA.5.1-SWTYR.mkv", "Sample/sample.mkv", "info.nfo"], "movie", "Oppenheimer (2023)" },
        { "The.Matrix.1999.1080p.BluRay.x264-GROUP", [], "movie", "The Matrix (1999)" },
        { "[YTS.MX] Dune Part Two (2024) [1080p] [WEBRip] [5.1]", ["Dune.Part.Two.2024.1080p.WEBRip.x264.AAC5.1-[YTS.MX].mp4"], "movie", "Dune Part Two (2024)" },
        { "Blade Runner 2049 (2017) 720p BrRip x264", ["Blade Runner 2049 (2017).mp4"], "movie", "Blade Runner 2049 (2017)" },
        { "Another.Show.S01E02.1080p.WEB.H264-GROUP", ["Another.Show.S01E02.1080p.WEB.H264-GROUP.mkv"], "tv", "Another Show S01E02" },
        { "Severance.S02.1080p.ATVP.WEB-DL.DDP5.1.H.264-NTb", ["Severance.S02E01.mkv", "Severance.S02E02.mkv"], "tv", "Severance S02" },
        { "Some Show Season 3 Complete 720p", ["e01.mkv", "e02.mkv"], "tv", "Some Show Season 3" },
        { "Daft Punk - Random Access Memories (2013) [FLAC]", ["01 - Give Life Back to Music.flac", "02 - The Game of Love.flac", "cover.jpg"], "music", "Daft Punk - Random Access Memories (2013) [FLAC]" },
        { "Artist - Album (2020) MP3 320kbps", [], "music", "Artist - Album (2020) MP3 320kbps" },
        { "ubuntu-24.04.1-desktop-amd64.iso", ["ubuntu-24.04.1-desktop-amd64.iso"], "software", "ubuntu-24.04.1-desktop-amd64" },
        { "debian-12.7.0-amd64-netinst", ["debian-12.7.0-amd64-netinst.iso"], "software", "debian-12.7.0-amd64-netinst" },
        { "Cyberpunk.2077.Phantom.Liberty-RUNE", ["rune-cyberpunk.iso", "rune.nfo"], "game", "Cyberpunk.2077.Phantom.Liberty-RUNE" },
        { "Elden Ring [FitGirl Repack]", ["setup.exe", "fg-01.bin"], "game", "Elden Ring [FitGirl Repack]" },
        { "Project Gutenberg Top 100 EPUB", ["pride-and-prejudice.epub", "moby-dick.epub"], "ebook", "Project Gutenberg Top 100 EPUB" },
        { "common-crawl-sample", ["part-0000.parquet", "part-0001.parquet", "README.md"], "dataset", "common-crawl-sample" },
        { "Llama-3.1-8B-Instruct", ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "config.json", "tokenizer.json"], "model", "Llama-3.1-8B-Instruct" },
        { "mistral-7b-instruct-v0.2.Q4_K_M.gguf", ["mistral-7b-instruct-v0.2.Q4_K_M.gguf"], "model", "mistral-7b-instruct-v0.2.Q4_K_M" },
        { "holiday photos", ["a.jpg", "b.jpg"], "other", "holiday photos" },
        { "random_name", [], "other", "random name" },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void A_release_gets_its_content_type_and_a_clean_title(string name, string[] files, string contentType, string title)
    {
        var type = ContentClassifier.Classify(name, files.Select(f => (f, 1000L * (f.Contains("sample", StringComparison.OrdinalIgnoreCase) ? 1 : 1000))).ToList());

        Assert.Equal(contentType, type);
        Assert.Equal(title, ReleaseName.CleanTitle(name, type));
    }

    [Fact]
    public void The_kind_holding_most_bytes_wins_over_the_number_of_files()
    {
        var files = new List<(string, long)> { ("movie.mkv", 4_000_000_000) };
        files.AddRange(Enumerable.Range(0, 20).Select(i => ($"subs/{i}.srt", 50_000L)));
        files.AddRange(Enumerable.Range(0, 5).Select(i => ($"extras/{i}.mp3", 3_000_000L)));

        Assert.Equal(ContentTypes.Movie, ContentClassifier.Classify("Film 2019 1080p", files));
    }
}
