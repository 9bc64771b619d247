using TalksBot.Storage;

namespace TalksBot.Limits;

/// <summary>
/// Events per key in the last minute in PostgreSQL, counted once for every replica. Adding and counting
/// hold the key's transaction lock, so parallel attempts on several replicas cannot slip past a limit
/// together; the database's clock is the one clock, whatever the replicas' say.
/// </summary>
public sealed class PostgresRecentEvents(PostgresDatabase database) : IRecentEvents
{
    int added;

    public async Task<int> AddAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref added) % 1000 == 0)
            await connection.ExecuteAsync("DELETE FROM recent_events WHERE at < now() - interval '1 minute'", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, key);
        await connection.ExecuteAsync("INSERT INTO recent_events (key, at) VALUES ($1, clock_timestamp())", cancellationToken, key);
        var count = await connection.ScalarAsync<long>("SELECT count(*) FROM recent_events WHERE key = $1 AND at > clock_timestamp() - interval '1 minute'", cancellationToken, key);
        await transaction.CommitAsync(cancellationToken);
        return (int)count;
    }

    public async Task TakeBackAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM recent_events WHERE ctid = (SELECT ctid FROM recent_events WHERE key = $1 ORDER BY at DESC LIMIT 1)", cancellationToken, key);
    }
}
