using System.Data.Common;
using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Silo.Hosting;

/// <summary>
/// A grain call that fails because the database is away fails with <see cref="StorageUnavailableException"/>, which
/// every caller can deserialize, instead of the provider's exception (Npgsql's and SQLite's have no Orleans codec).
/// </summary>
public sealed class StorageFailureTranslation(ILogger<StorageFailureTranslation> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            logger.LogWarning("{Grain}.{Method} failed: the database is unavailable ({Failure}: {Message})", context.TargetId, context.MethodName,
                ex.GetType().Name, ex.Message);
            Swarmgrid.Data.DatabaseFaults.Observed(ex);
            throw new StorageUnavailableException("the database is unavailable; try again shortly");
        }
    }

    private static bool IsDatabaseFailure(Exception? exception) =>
        exception is DbException || exception is not null && exception is not StorageUnavailableException && IsDatabaseFailure(exception.InnerException);
}
