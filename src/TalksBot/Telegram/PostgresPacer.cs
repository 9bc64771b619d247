using System.Diagnostics;
using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// A Telegram limit held by every replica together: the key's next slot is a row, reserved by one
/// upsert (the row lock orders replicas asking at once) on the database's clock, the one clock they share.
/// </summary>
public sealed class PostgresPacer(PostgresDatabase database, string name, TimeSpan interval) : IPacer
{
    int reserved;

    /// <summary>
    /// A replica that wakes late for its slot (a busy machine, a pause) does not send in it: sent late, it
    /// would arrive close behind the next slots' sends and crowd Telegram's window. It takes a new slot.
    /// </summary>
    public async Task WaitAsync(long key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var watch = Stopwatch.StartNew();
            var wait = TimeSpan.FromSeconds(Math.Max(0, await ReserveAsync(key, cancellationToken)));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            if (watch.Elapsed - wait <= interval / 4) return;
        }
    }

    /// <summary>Seconds until the slot reserved (negative or zero: now).</summary>
    async Task<double> ReserveAsync(long key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref reserved) % 1000 == 0)
            await connection.ExecuteAsync("DELETE FROM send_slots WHERE pacer = $1 AND next_at < now() - interval '1 minute'", cancellationToken, name);
        return await connection.ScalarAsync<double>("""
            INSERT INTO send_slots AS s (pacer, key, next_at) VALUES ($1, $2, clock_timestamp() + $3)
            ON CONFLICT (pacer, key) DO UPDATE SET next_at = greatest(s.next_at, clock_timestamp()) + $3
            RETURNING extract(epoch FROM s.next_at - $3 - clock_timestamp())::float8
            """, cancellationToken, name, key, interval);
    }

    public async Task DoneAsync(long key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE send_slots SET next_at = greatest(next_at, clock_timestamp() + $3) WHERE pacer = $1 AND key = $2",
            cancellationToken, name, key, interval);
    }
}
