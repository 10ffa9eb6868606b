using BenchmarkDotNet.Attributes;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Benchmarks;

[MemoryDiagnoser]
public class BencodeDecodeBenchmark
{
    public static readonly byte[] Input = LargeMetainfo.Build(fileCount: 20_000, pieceCount: 100_000);

    [Benchmark]
    public BValue DecodeStrict() => BencodeDecoder.Decode(Input, BencodeOptions.Strict);
}
