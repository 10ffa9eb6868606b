#!/usr/bin/env bash
# The library search over a large catalog: ITEMS generated items (100,000), then QUERIES searches (2,000, at most SECONDS
# seconds) timed at LibraryStore.SearchAsync, the query GET /api/torrents runs; SQLite, and Postgres when
# SWARMGRID_TEST_POSTGRES names a server (bench/lib/postgres.sh starts a private one).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dotnet build -c Release -v q "$here/LibrarySearch/LibrarySearch.csproj" >/dev/null
dotnet "$here/LibrarySearch/bin/Release/net10.0/LibrarySearch.dll"
