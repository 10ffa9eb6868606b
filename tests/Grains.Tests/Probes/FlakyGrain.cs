using Microsoft.Data.Sqlite;

namespace Swarmgrid.Grains.Tests.Probes;

public sealed class FlakyGrain : Grain, IFlakyGrain
{
    private int calls;

    public Task<int> IdempotentAsync(int failures) => Fail(failures);

    public Task<int> PlainAsync(int failures) => Fail(failures);

    public Task DatabaseAwayAsync() => throw new SqliteException("unable to open database file", 14);

    private Task<int> Fail(int failures) =>
        ++calls <= failures ? throw new SiloUnavailableException($"call {calls} reached a silo that is gone") : Task.FromResult(calls);
}
