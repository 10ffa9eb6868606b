using BenchmarkDotNet.Running;
using Swarmgrid.BitTorrent.Benchmarks;

var summary = BenchmarkRunner.Run<BencodeDecodeBenchmark>(args: args);
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is { } statistics)
    {
        var megabytes = BencodeDecodeBenchmark.Input.Length / 1_000_000.0;
        var seconds = statistics.Mean / 1e9;
        Console.WriteLine($"bencode decode: {megabytes:F1} MB metainfo in {statistics.Mean / 1e6:F2} ms = {megabytes / seconds:F0} MB/s");
    }
}
