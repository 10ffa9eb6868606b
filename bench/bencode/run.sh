#!/usr/bin/env bash
# Bencode decode throughput (MB/s) on a large metainfo, with BenchmarkDotNet.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project bench/BitTorrent.Benchmarks -- --filter '*' --job short "$@" | grep -E 'bencode decode|Mean|DecodeStrict'
