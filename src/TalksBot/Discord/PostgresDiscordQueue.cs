using System.Runtime.CompilerServices;
using System.Text.Json;
using TalksBot.Observability;
using TalksBot.Storage;

namespace TalksBot.Discord;

/// <summary>
/// The queue in PostgreSQL: an ask is a row until answered; a replica takes a few at a time with
/// <c>FOR UPDATE SKIP LOCKED</c> under a lease, and asks left by a replica that died are taken over
/// once their lease has run out (an interaction token lasts 15 minutes, the lease 2). The row's token is
/// cleared once answered.
/// </summary>
public sealed class PostgresDiscordQueue(PostgresDatabase database, Faults faults) : IDiscordQueue
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    const int Lease = 120;
    readonly string owner = Guid.NewGuid().ToString("N");
    readonly SemaphoreSlim arrived = new(0);
    int answered;

    public async Task EnqueueAsync(DiscordAsk ask, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO discord_queue (id, ask) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO NOTHING", cancellationToken,
            ask.Id, JsonSerializer.Serialize(ask));
        arrived.Release();
    }

    public async IAsyncEnumerable<DiscordAsk> ReadAllAsync([EnumeratorCancellation] CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            List<DiscordAsk> taken;
            try
            {
                taken = await TakeAsync(stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                faults.Report("discord queue", e); // the database is away: tried again after the pause below
                taken = [];
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            foreach (var ask in taken) yield return ask;
            if (taken.Count > 0) continue;
            // Woken by this replica's endpoint; another replica's asks left over are found within the second.
            try { await arrived.WaitAsync(Poll, stoppingToken); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    async Task<List<DiscordAsk>> TakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE discord_queue q SET owner = $1, lease_until = now() + make_interval(secs => $2)
            FROM (SELECT id FROM discord_queue WHERE NOT done AND (owner IS NULL OR lease_until < now())
                  ORDER BY received_at LIMIT 16 FOR UPDATE SKIP LOCKED) picked
            WHERE q.id = picked.id
            RETURNING q.ask::text
            """, owner, (double)Lease);
        var taken = new List<DiscordAsk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) taken.Add(JsonSerializer.Deserialize<DiscordAsk>(reader.GetString(0))!);
        return taken;
    }

    public async Task DoneAsync(DiscordAsk ask, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE discord_queue SET done = true, ask = '{}' WHERE id = $1", cancellationToken, ask.Id);
        if (Interlocked.Increment(ref answered) % 100 == 0)
            await connection.ExecuteAsync("DELETE FROM discord_queue WHERE done AND received_at < now() - interval '1 hour'", cancellationToken);
    }
}
