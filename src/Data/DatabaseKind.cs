namespace Swarmgrid.Data;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
