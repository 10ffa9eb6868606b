using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.TestSupport;

public static class FreePort
{
    /// <summary>
    /// A loopback port the OS just handed out. For programs that cannot report the port they bound
    /// (Orleans silo endpoints, postgres), bind-and-release is the only way to give them one.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A loopback UDP port the OS just handed out (for the UDP tracker, which cannot report its port).</summary>
    public static int NextUdp()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
