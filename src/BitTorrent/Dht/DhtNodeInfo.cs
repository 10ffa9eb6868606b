using System.Buffers.Binary;
using System.Net;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>A DHT node as "compact node info": its id and UDP endpoint, 26 bytes for IPv4 (BEP 5), 38 for IPv6 (BEP 32).</summary>
public readonly record struct DhtNodeInfo(NodeId Id, IPEndPoint EndPoint)
{
    public const int CompactIPv4Size = NodeId.Size + 6;

    public const int CompactIPv6Size = NodeId.Size + 18;

    public bool IsIPv6 => EndPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>Reads whole entries of one family; a trailing partial entry and entries with port 0 are ignored.</summary>
    public static List<DhtNodeInfo> ReadAll(ReadOnlySpan<byte> compact, bool ipv6)
    {
        var size = ipv6 ? CompactIPv6Size : CompactIPv4Size;
        var nodes = new List<DhtNodeInfo>(compact.Length / size);
        for (var at = 0; at + size <= compact.Length; at += size)
        {
            var entry = compact.Slice(at, size);
            var address = new IPAddress(entry.Slice(NodeId.Size, size - NodeId.Size - 2));
            var port = BinaryPrimitives.ReadUInt16BigEndian(entry[^2..]);
            if (port != 0)
            {
                nodes.Add(new DhtNodeInfo(NodeId.FromBytes(entry[..NodeId.Size]), new IPEndPoint(address, port)));
            }
        }
        return nodes;
    }

    /// <summary>The compact form of each node of the given family, concatenated.</summary>
    public static byte[] WriteAll(IEnumerable<DhtNodeInfo> nodes, bool ipv6)
    {
        var size = ipv6 ? CompactIPv6Size : CompactIPv4Size;
        var family = nodes.Where(n => n.IsIPv6 == ipv6).ToList();
        var bytes = new byte[family.Count * size];
        for (var i = 0; i < family.Count; i++)
        {
            var entry = bytes.AsSpan(i * size, size);
            family[i].Id.CopyTo(entry);
            family[i].EndPoint.Address.TryWriteBytes(entry[NodeId.Size..], out _);
            BinaryPrimitives.WriteUInt16BigEndian(entry[^2..], (ushort)family[i].EndPoint.Port);
        }
        return bytes;
    }

    public override string ToString() => $"{Id} at {EndPoint}";
}
