using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>An IPv4-format announce request (BEP 15), 98 bytes; BEP 41 options after them are ignored.</summary>
public readonly record struct UdpAnnounceRequest
{
    /// <summary>Bytes in the packet without extensions.</summary>
    public const int Size = 98;

    /// <summary>The connection id from the connect response.</summary>
    public required long ConnectionId { get; init; }

    /// <summary>The client's transaction id.</summary>
    public required int TransactionId { get; init; }

    /// <summary>The torrent.</summary>
    public required TrackerHash InfoHash { get; init; }

    /// <summary>The client's peer id.</summary>
    public required TrackerHash PeerId { get; init; }

    /// <summary>Bytes downloaded.</summary>
    public long Downloaded { get; init; }

    /// <summary>Bytes left; 0 for a seeder.</summary>
    public long Left { get; init; }

    /// <summary>Bytes uploaded.</summary>
    public long Uploaded { get; init; }

    /// <summary>The event (0 none, 1 completed, 2 started, 3 stopped).</summary>
    public TrackerEvent Event { get; init; }

    /// <summary>An IPv4 address whose big-endian bytes are the address; 0 means "use the sender's address".</summary>
    public uint IPv4Address { get; init; }

    /// <summary>The client's key, identifying it across address changes.</summary>
    public uint Key { get; init; }

    /// <summary>Peers wanted; -1 means the tracker's default.</summary>
    public int NumWant { get; init; } = -1;

    /// <summary>The port the client listens on.</summary>
    public required ushort Port { get; init; }

    /// <summary>Initializes a request; <see cref="NumWant"/> defaults to -1.</summary>
    public UdpAnnounceRequest()
    {
    }

    /// <summary>Writes the 98 bytes and returns 98.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Size"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        UdpPacket.EnsureRoom(destination, Size);
        new UdpRequestHeader(ConnectionId, UdpTrackerAction.Announce, TransactionId).Write(destination);
        InfoHash.CopyTo(destination[16..]);
        PeerId.CopyTo(destination[36..]);
        BinaryPrimitives.WriteInt64BigEndian(destination[56..], Downloaded);
        BinaryPrimitives.WriteInt64BigEndian(destination[64..], Left);
        BinaryPrimitives.WriteInt64BigEndian(destination[72..], Uploaded);
        BinaryPrimitives.WriteInt32BigEndian(destination[80..], (int)Event);
        BinaryPrimitives.WriteUInt32BigEndian(destination[84..], IPv4Address);
        BinaryPrimitives.WriteUInt32BigEndian(destination[88..], Key);
        BinaryPrimitives.WriteInt32BigEndian(destination[92..], NumWant);
        BinaryPrimitives.WriteUInt16BigEndian(destination[96..], Port);
        return Size;
    }

    /// <summary>
    /// Decodes an announce request; false for fewer than 98 bytes, another action, an event outside 0–3, or a
    /// negative downloaded, left or uploaded. The connection id is returned as sent: validate it with
    /// <see cref="UdpConnectionIds"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpAnnounceRequest request)
    {
        request = default;
        if (packet.Length < Size || !UdpRequestHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Announce)
        {
            return false;
        }
        var downloaded = BinaryPrimitives.ReadInt64BigEndian(packet[56..]);
        var left = BinaryPrimitives.ReadInt64BigEndian(packet[64..]);
        var uploaded = BinaryPrimitives.ReadInt64BigEndian(packet[72..]);
        var trackerEvent = BinaryPrimitives.ReadInt32BigEndian(packet[80..]);
        if ((downloaded | left | uploaded) < 0 || (uint)trackerEvent > (uint)TrackerEvent.Stopped)
        {
            return false;
        }
        request = new UdpAnnounceRequest
        {
            ConnectionId = header.ConnectionId,
            TransactionId = header.TransactionId,
            InfoHash = TrackerHash.FromBytes(packet.Slice(16, TrackerHash.Size)),
            PeerId = TrackerHash.FromBytes(packet.Slice(36, TrackerHash.Size)),
            Downloaded = downloaded,
            Left = left,
            Uploaded = uploaded,
            Event = (TrackerEvent)trackerEvent,
            IPv4Address = BinaryPrimitives.ReadUInt32BigEndian(packet[84..]),
            Key = BinaryPrimitives.ReadUInt32BigEndian(packet[88..]),
            NumWant = BinaryPrimitives.ReadInt32BigEndian(packet[92..]),
            Port = BinaryPrimitives.ReadUInt16BigEndian(packet[96..]),
        };
        return true;
    }
}
