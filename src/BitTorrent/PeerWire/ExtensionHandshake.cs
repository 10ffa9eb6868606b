using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// The BEP 10 extension handshake (extended message id 0): which extensions the sender supports under which ids
/// (<c>m</c>), and optionally <c>metadata_size</c> (BEP 9), <c>p</c>, <c>v</c> and <c>reqq</c>.
/// </summary>
public sealed class ExtensionHandshake
{
    /// <summary>Extension names (<c>ut_metadata</c>, <c>ut_pex</c>) to the id the sender wants to receive them under; 0 disables.</summary>
    public IReadOnlyDictionary<string, byte> Extensions { get; init; } = new Dictionary<string, byte>();

    /// <summary>Bytes of the info dictionary (BEP 9), when the sender has it.</summary>
    public long? MetadataSize { get; init; }

    /// <summary>The sender's listening port (<c>p</c>).</summary>
    public ushort? ListenPort { get; init; }

    /// <summary>The sender's client name and version (<c>v</c>).</summary>
    public string? ClientName { get; init; }

    /// <summary>How many outstanding requests the sender queues (<c>reqq</c>).</summary>
    public int? RequestQueueLength { get; init; }

    /// <summary>The canonical bencoded payload.</summary>
    public byte[] Encode()
    {
        var root = new BDictionary();
        var m = new BDictionary();
        foreach (var (name, id) in Extensions)
        {
            m.Add(name, id);
        }
        root.Add("m", m);
        if (MetadataSize is { } size)
        {
            root.Add("metadata_size", size);
        }
        if (ListenPort is { } port)
        {
            root.Add("p", port);
        }
        if (RequestQueueLength is { } reqq)
        {
            root.Add("reqq", reqq);
        }
        if (ClientName is { } name1)
        {
            root.Add("v", name1);
        }
        return root.Encode();
    }

    /// <summary>Decodes a payload leniently; values of the wrong type are ignored. False when it is not a dictionary.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out ExtensionHandshake handshake)
    {
        handshake = new ExtensionHandshake();
        BDictionary root;
        try
        {
            root = BencodeDecoder.DecodeDictionary(payload, BencodeOptions.Lenient);
        }
        catch (BencodeFormatException)
        {
            return false;
        }
        var extensions = new Dictionary<string, byte>(StringComparer.Ordinal);
        if (root["m"] is BDictionary m)
        {
            foreach (var (key, value) in m)
            {
                if (value is BInteger { Value: >= 0 and <= 255 } id)
                {
                    extensions[key.Text] = (byte)id.Value;
                }
            }
        }
        handshake = new ExtensionHandshake
        {
            Extensions = extensions,
            MetadataSize = root["metadata_size"] is BInteger { Value: > 0 } size ? size.Value : null,
            ListenPort = root["p"] is BInteger { Value: > 0 and <= ushort.MaxValue } port ? (ushort)port.Value : null,
            ClientName = root["v"] is BString v ? v.Text : null,
            RequestQueueLength = root["reqq"] is BInteger { Value: > 0 and <= int.MaxValue } reqq ? (int)reqq.Value : null,
        };
        return true;
    }
}
