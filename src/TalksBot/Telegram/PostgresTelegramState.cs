using Microsoft.Extensions.Options;
using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// The Telegram front end's state in PostgreSQL, shared by every replica. The webhook's
/// <c>INSERT … ON CONFLICT DO NOTHING</c> makes a redelivery to any replica a no-op; workers take
/// kept updates with <c>FOR UPDATE SKIP LOCKED</c>, leaving a chat to the replica answering it (one
/// replica at a time answers a chat, so its order holds); a claim is a lease its owner renews, taken over only once it
/// has run out, so never while the owner lives.
/// </summary>
public sealed class PostgresTelegramState(PostgresDatabase database, IOptions<TelegramOptions> options) : ITelegramState
{
    const long TakeLock = 0x7a1b_0010;
    readonly string owner = Guid.NewGuid().ToString("N");
    int takes;

    int Lease => options.Value.ClaimLeaseSeconds;

    public async Task KeepAsync(int updateId, long chatId, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO telegram_updates (id, chat, json, kept) VALUES ($1, $2, $3, true) ON CONFLICT (id) DO NOTHING",
            cancellationToken, (long)updateId, chatId, json);
    }

    /// <summary>
    /// Taking is serialised among replicas by a transaction lock (one short statement), so two replicas
    /// never split a chat between them; a chat with an update leased to another live process is left to it.
    /// </summary>
    public async Task<List<(int Id, string Json)>> TakeAsync(int max, IReadOnlyCollection<int>? except = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref takes) % 200 == 0)
            await connection.ExecuteAsync("DELETE FROM telegram_updates WHERE done AND done_at < now() - interval '1 day'", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({TakeLock})", cancellationToken);
        await using var command = connection.Command("""
            WITH busy AS (
                SELECT DISTINCT chat FROM telegram_updates
                WHERE NOT done AND owner IS NOT NULL AND owner <> $1 AND lease_until > now()),
            picked AS (
                SELECT id FROM telegram_updates
                WHERE kept AND NOT done AND chat NOT IN (SELECT chat FROM busy) AND id <> ALL($4)
                ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
            UPDATE telegram_updates u SET owner = $1, lease_until = now() + make_interval(secs => $3)
            FROM picked WHERE u.id = picked.id
            RETURNING u.id, u.json
            """, owner, max, (double)Lease, (except ?? []).Select(id => (long)id).ToArray());
        var taken = new List<(int, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) taken.Add(((int)reader.GetInt64(0), reader.GetString(1)));
        await transaction.CommitAsync(cancellationToken);
        return [.. taken.OrderBy(t => t.Item1)];
    }

    public async Task ForgetAsync(IReadOnlyCollection<int> updateIds, CancellationToken cancellationToken = default)
    {
        if (updateIds.Count == 0) return;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE telegram_updates SET kept = false, json = '' WHERE id = ANY($1)", cancellationToken,
            (object)updateIds.Select(id => (long)id).ToArray());
    }

    public async Task RenewAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE telegram_updates SET lease_until = now() + make_interval(secs => $2) WHERE owner = $1 AND NOT done",
            cancellationToken, owner, (double)Lease);
    }

    /// <summary>An update polled (not kept) gets its row here; one kept is claimed unless done, or leased to another process still within its lease.</summary>
    public async Task<bool> TryClaimAsync(int updateId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await connection.ScalarAsync<long?>("""
            INSERT INTO telegram_updates AS t (id, chat, json, kept, owner, lease_until)
            VALUES ($1, 0, '', false, $2, now() + make_interval(secs => $3))
            ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
            WHERE NOT t.done AND (t.owner IS NULL OR t.owner = excluded.owner OR t.lease_until < now())
            RETURNING t.id
            """, cancellationToken, (long)updateId, owner, (double)Lease);
        return claimed is not null;
    }

    public async Task MarkDoneAsync(int updateId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE telegram_updates SET done = true, done_at = now(), json = '' WHERE id = $1", cancellationToken, (long)updateId);
    }

    public async Task<int> OffsetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)(await connection.ScalarAsync<long?>("SELECT value FROM telegram_state WHERE key = 'offset'", cancellationToken) ?? 0);
    }

    public async Task SaveOffsetAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO telegram_state VALUES ('offset', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            cancellationToken, (long)offset);
    }

    public Task<IHeldLock?> TryLeadPollingAsync(CancellationToken cancellationToken = default) =>
        database.LockAsync(PostgresDatabase.PollerLock, wait: false, cancellationToken);
}
