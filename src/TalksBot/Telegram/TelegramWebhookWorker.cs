using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalksBot.Observability;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>
/// Answers the updates the webhook kept, from the store: several chats at a time, each chat's in
/// order. Kept updates outlast the process: those left when it stops or dies are answered after the
/// restart, or by another replica once their lease runs out (renewed while this one answers). On
/// shutdown the batch in hand is finished, within the host's shutdown time.
/// </summary>
public sealed class TelegramWebhookWorker(ITelegramState state, WebhookArrivals arrivals, TelegramUpdateHandler handler, IOptions<TelegramOptions> options, Faults faults) : BackgroundService
{
    // As many chats at once as one long poll can bring (getUpdates gives at most 100): an answer mostly waits,
    // on its commits (grouped, so more at once makes each cheaper), on Telegram, on a model.
    const int Parallel = 100;
    const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = await faults.ContainAsync("telegram state", () => state.TakeAsync(Batch, CancellationToken.None), []);
            if (pending.Count == 0)
            {
                // Woken by this replica's webhook; another replica's arrivals are found within the second.
                try { await arrivals.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            var updates = pending.Select(p => JsonSerializer.Deserialize<Update>(p.Json, JsonBotAPI.Options)!).ToList();
            var finished = new System.Collections.Concurrent.ConcurrentBag<int>();
            using (var renewing = new CancellationTokenSource())
            {
                var renewal = RenewWhileAsync(renewing.Token);
                await System.Threading.Tasks.Parallel.ForEachAsync(updates.GroupBy(TelegramUpdateHandler.ChatOf), new ParallelOptions { MaxDegreeOfParallelism = Parallel },
                    async (chat, _) =>
                    {
                        foreach (var id in await handler.HandleInOrderAsync(chat, CancellationToken.None)) finished.Add(id);
                    });
                await renewing.CancelAsync();
                await renewal;
            }
            var forgotten = await faults.ContainAsync("telegram state", () => state.ForgetAsync([.. finished], CancellationToken.None));
            // The store failing: the kept updates stay kept, and are tried again in a second, not in a busy loop.
            if (!forgotten || finished.Count < pending.Count)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>While a batch is answered, its claims are renewed every third of their lease, so no other replica takes them over.</summary>
    async Task RenewWhileAsync(CancellationToken answering)
    {
        var every = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds / 3.0);
        while (true)
        {
            try { await Task.Delay(every, answering); }
            catch (OperationCanceledException) { return; }
            await faults.ContainAsync("telegram state", () => state.RenewAsync(CancellationToken.None));
        }
    }
}
