using System.Buffers.Binary;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>One simulated BitTorrent client in one swarm; the same (swarm, slot) always yields the same peer.</summary>
public readonly record struct SimulatedPeer(TrackerHash InfoHash, TrackerHash PeerId, ushort Port, long Left);

/// <summary>
/// The info hashes under load and a fixed set of peers per swarm. Peers are stable, as real clients are: each keeps its
/// peer id, port and seeder/leecher role, so a swarm grows to <c>peersPerSwarm</c> and stays there. opentracker tells
/// peers apart by address and port, Swarmgrid by peer id; all load comes from 127.0.0.1, so both differ per slot.
/// </summary>
public sealed class SwarmPopulation(TrackerHash[] infoHashes, int peersPerSwarm)
{
    private const ushort FirstPeerPort = 20000;

    public static SwarmPopulation Load(string hashesFile, int peersPerSwarm)
    {
        var hashes = File.ReadLines(hashesFile)
            .Where(line => line.Length > 0)
            .Select(line => TrackerHash.TryParseHex(line, out var hash) ? hash : throw new FormatException($"not a 40-hex info hash: '{line}'"))
            .ToArray();
        return hashes.Length > 0 ? new SwarmPopulation(hashes, peersPerSwarm) : throw new FormatException($"{hashesFile} holds no info hashes");
    }

    public static IEnumerable<string> GenerateHex(int count)
    {
        var random = new Random(20240601);
        var bytes = new byte[TrackerHash.Size];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            yield return Convert.ToHexStringLower(bytes);
        }
    }

    public SimulatedPeer Pick(Random random)
    {
        var swarm = random.Next(infoHashes.Length);
        var slot = random.Next(peersPerSwarm);
        Span<byte> peerId = stackalloc byte[TrackerHash.Size];
        "-TL0001-"u8.CopyTo(peerId);
        BinaryPrimitives.WriteInt32BigEndian(peerId[8..], swarm);
        BinaryPrimitives.WriteInt32BigEndian(peerId[12..], slot);
        BinaryPrimitives.WriteInt32BigEndian(peerId[16..], swarm * 31 + slot);
        var seeder = ((swarm ^ slot) & 1) == 0;
        return new SimulatedPeer(infoHashes[swarm], TrackerHash.FromBytes(peerId), (ushort)(FirstPeerPort + slot), seeder ? 0 : 1000);
    }
}
