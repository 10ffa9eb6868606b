using Swarmgrid.GrainInterfaces.Library;
namespace Swarmgrid.Grains.Library;

/// <summary>The content type a file's extension suggests.</summary>
public static class FileNames
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        // Video: a film or an episode, told apart by the release name.
        [".mkv"] = "video", [".mp4"] = "video", [".avi"] = "video", [".m4v"] = "video", [".mov"] = "video", [".wmv"] = "video",
        [".webm"] = "video", [".mpg"] = "video", [".mpeg"] = "video", [".ts"] = "video", [".m2ts"] = "video", [".vob"] = "video",
        [".mp3"] = ContentTypes.Music, [".flac"] = ContentTypes.Music, [".m4a"] = ContentTypes.Music, [".ogg"] = ContentTypes.Music,
        [".opus"] = ContentTypes.Music, [".wav"] = ContentTypes.Music, [".aac"] = ContentTypes.Music, [".ape"] = ContentTypes.Music,
        [".alac"] = ContentTypes.Music, [".wv"] = ContentTypes.Music, [".dsf"] = ContentTypes.Music,
        [".epub"] = ContentTypes.Ebook, [".mobi"] = ContentTypes.Ebook, [".azw3"] = ContentTypes.Ebook, [".pdf"] = ContentTypes.Ebook,
        [".djvu"] = ContentTypes.Ebook, [".cbz"] = ContentTypes.Ebook, [".cbr"] = ContentTypes.Ebook, [".fb2"] = ContentTypes.Ebook,
        [".m4b"] = ContentTypes.Ebook,
        [".iso"] = ContentTypes.Software, [".exe"] = ContentTypes.Software, [".msi"] = ContentTypes.Software, [".dmg"] = ContentTypes.Software,
        [".deb"] = ContentTypes.Software, [".rpm"] = ContentTypes.Software, [".apk"] = ContentTypes.Software, [".appimage"] = ContentTypes.Software,
        [".pkg"] = ContentTypes.Software, [".img"] = ContentTypes.Software, [".qcow2"] = ContentTypes.Software, [".tar.gz"] = ContentTypes.Software,
        [".tar.xz"] = ContentTypes.Software,
        [".csv"] = ContentTypes.Dataset, [".tsv"] = ContentTypes.Dataset, [".parquet"] = ContentTypes.Dataset, [".jsonl"] = ContentTypes.Dataset,
        [".arrow"] = ContentTypes.Dataset, [".tfrecord"] = ContentTypes.Dataset, [".h5"] = ContentTypes.Dataset, [".hdf5"] = ContentTypes.Dataset,
        [".npz"] = ContentTypes.Dataset, [".feather"] = ContentTypes.Dataset, [".sqlite"] = ContentTypes.Dataset, [".json.gz"] = ContentTypes.Dataset,
        [".csv.gz"] = ContentTypes.Dataset, [".jsonl.gz"] = ContentTypes.Dataset,
        [".safetensors"] = ContentTypes.Model, [".gguf"] = ContentTypes.Model, [".ckpt"] = ContentTypes.Model, [".pt"] = ContentTypes.Model,
        [".pth"] = ContentTypes.Model, [".onnx"] = ContentTypes.Model, [".ggml"] = ContentTypes.Model, [".mlmodel"] = ContentTypes.Model,
        [".tflite"] = ContentTypes.Model,
    };

    /// <summary>"video", a content type, or null for an extension that says nothing (.nfo, .txt, .srt, images).</summary>
    public static string? KindOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.');
        // Longest suffix first, so ".tar.gz" wins over ".gz".
        for (; dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (ByExtension.TryGetValue(name[dot..], out var kind))
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>The name without an extension this table knows (so "ubuntu.iso" reads "ubuntu", "Some.Movie.2026" stays).</summary>
    public static string WithoutKnownExtension(string name)
    {
        for (var dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (ByExtension.ContainsKey(name[dot..]))
            {
                return name[..dot];
            }
        }
        return name;
    }
}
