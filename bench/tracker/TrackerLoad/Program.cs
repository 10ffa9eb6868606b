using System.Net;
using Swarmgrid.Bench.TrackerLoad;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.Mode == "hashes")
{
    File.WriteAllLines(options.HashesFile, SwarmPopulation.GenerateHex(options.HashCount));
    return 0;
}

var tracker = new IPEndPoint(IPAddress.Loopback, options.Port);
var population = SwarmPopulation.Load(options.HashesFile, options.PeersPerSwarm);
Func<ILoadWorker>? createWorker = options.Mode switch
{
    "http" => () => new HttpAnnounceWorker(tracker, population, options.Timeout),
    "udp" => () => new UdpAnnounceWorker(tracker, population, options.Timeout, null),
    "udp-reuse" => () => new UdpAnnounceWorker(tracker, population, options.Timeout, options.ConnectionIdLifetime),
    _ => null,
};
if (createWorker is null)
{
    Console.Error.WriteLine($"unknown mode '{options.Mode}'\n{LoadOptions.Usage}");
    return 2;
}

var result = new LoadRunner(options, createWorker).Run();
foreach (var (kind, count) in result.ErrorKinds())
{
    Console.Error.WriteLine($"  {options.Mode} errors: {count} x {kind}");
}
Console.WriteLine(result.SummaryLine());
return 0;
