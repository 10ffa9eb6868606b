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
}
