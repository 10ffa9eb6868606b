namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>Checks shared by the encoders.</summary>
internal static class UdpPacket
{
    public static void EnsureRoom(Span<byte> destination, int size)
    {
        if (destination.Length < size)
        {
            throw new ArgumentException($"The packet needs {size} bytes; the destination has {destination.Length}.", nameof(destination));
        }
    }
}
