using System.Text.Json;
using Microsoft.Extensions.Hosting;
using TalksBot.Observability;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>
/// Answers the updates the webhook kept, from the store: several chats at a time, each chat's in
/// order. Kept updates outlast the process: those left when it stops or dies are answered after the
/// restart (a claim left unanswered by a dead process is taken over). On shutdown the batch in hand is
/// finished, within the host's shutdown time.
/// </summary>
public sealed class TelegramWebhookWorker(TelegramStateStore state, WebhookArrivals arrivals, TelegramUpdateHandler handler, Faults faults) : BackgroundService
{
    const int Parallel = 16;
    const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = faults.Contain("telegram state", () => state.Pending(Batch), []);
            if (pending.Count == 0)
            {
                try { await arrivals.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            var updates = pending.Select(p => JsonSerializer.Deserialize<Update>(p.Json, JsonBotAPI.Options)!).ToList();
            var finished = new System.Collections.Concurrent.ConcurrentBag<int>();
            await System.Threading.Tasks.Parallel.ForEachAsync(updates.GroupBy(TelegramUpdateHandler.ChatOf), new ParallelOptions { MaxDegreeOfParallelism = Parallel },
                async (chat, _) =>
                {
                    foreach (var id in await handler.HandleInOrderAsync(chat, CancellationToken.None)) finished.Add(id);
                });
            var forgotten = faults.Contain("telegram state", () => state.Forget([.. finished]));
            // The store failing: the kept updates stay kept, and are tried again in a second, not in a busy loop.
            if (!forgotten || finished.Count < pending.Count)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }
}
