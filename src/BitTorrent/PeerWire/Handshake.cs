using System.Buffers.Binary;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// The 68-byte BitTorrent handshake (BEP 3): <c>\x13BitTorrent protocol</c>, 8 reserved bytes, the 20-byte info-hash
/// (a v2 hash truncated, BEP 52) and the 20-byte peer id.
/// </summary>
/// <param name="Reserved">The reserved bytes read as a big-endian number, so bit n counts from the right of byte 7.</param>
/// <param name="InfoHash">The swarm.</param>
/// <param name="PeerId">The sender's peer id.</param>
public readonly record struct Handshake(ulong Reserved, TrackerHash InfoHash, TrackerHash PeerId)
{
    /// <summary>Bytes in a handshake.</summary>
    public const int Size = 68;

    /// <summary>BEP 10 extension protocol: bit 20 from the right, byte 5 value 0x10.</summary>
    public const ulong ExtensionProtocolBit = 1UL << 20;

    /// <summary>BEP 6 fast extension: byte 7 value 0x04.</summary>
    public const ulong FastExtensionBit = 1UL << 2;

    /// <summary>BEP 52 upgrade to v2 for hybrid torrents: byte 7 value 0x10.</summary>
    public const ulong V2UpgradeBit = 1UL << 4;

    /// <summary>BEP 5 DHT: byte 7 value 0x01.</summary>
    public const ulong DhtBit = 1UL;

    private static ReadOnlySpan<byte> Protocol => "\u0013BitTorrent protocol"u8;

    public bool SupportsExtensionProtocol => (Reserved & ExtensionProtocolBit) != 0;

    public bool SupportsFastExtension => (Reserved & FastExtensionBit) != 0;

    public bool SupportsV2 => (Reserved & V2UpgradeBit) != 0;

    public bool SupportsDht => (Reserved & DhtBit) != 0;

    /// <summary>Writes the 68 bytes and returns 68.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Size"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A handshake needs {Size} bytes.", nameof(destination));
        }
        Protocol.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[20..], Reserved);
        InfoHash.CopyTo(destination[28..]);
        PeerId.CopyTo(destination[48..]);
        return Size;
    }

    /// <summary>Decodes the first 68 bytes; false when fewer are given or the protocol string is not BitTorrent's.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out Handshake handshake)
    {
        handshake = default;
        if (bytes.Length < Size || !bytes[..20].SequenceEqual(Protocol))
        {
            return false;
        }
        handshake = new Handshake(BinaryPrimitives.ReadUInt64BigEndian(bytes[20..]), TrackerHash.FromBytes(bytes.Slice(28, 20)),
            TrackerHash.FromBytes(bytes.Slice(48, 20)));
        return true;
    }
}
