using Microsoft.Extensions.Hosting;
using Npgsql;
using TalksBot.Observability;
using TalksBot.Storage;

namespace TalksBot.Index;

/// <summary>
/// With replicas on one PostgreSQL store: listens for the commits other replicas announce and takes
/// their snapshot in. A notification can be missed while the connection is down, so the generation is
/// also compared every <see cref="CheckEvery"/>.
/// </summary>
public sealed class SnapshotRefresher(PostgresDatabase database, KnowledgeBase knowledge, Faults faults) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                await connection.ExecuteAsync($"LISTEN {PostgresKnowledgeStore.Channel}", stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await knowledge.RefreshAsync(stoppingToken);
                    // WaitAsync returns on a notification, or false when the time is up.
                    await connection.WaitAsync(CheckEvery, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                // Counted and shown by /healthz, logged once a minute: the database away fails this every 5 s.
                faults.Report("index refresh", e);
                try { await Task.Delay(CheckEvery, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
