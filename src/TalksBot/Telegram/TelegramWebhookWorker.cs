using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalksBot.Observability;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>
/// Answers the updates the webhook kept, from the store: many chats at a time, each chat's in order.
/// A chat is started as soon as there is room for it, not when a whole batch is through, so one slow
/// answer holds up its own chat only. Kept updates outlast the process: those left when it stops or
/// dies are answered after the restart, or by another replica once their lease runs out (renewed
/// while this one runs). On shutdown the chats in hand are finished, within the host's shutdown time.
/// </summary>
public sealed class TelegramWebhookWorker(ITelegramState state, WebhookArrivals arrivals, TelegramUpdates delivery, IOptions<TelegramOptions> options, Faults faults) : BackgroundService
{
    // An answer mostly waits: on its commits (grouped, so more at once makes each cheaper), on Telegram, on a
    // model. With 100 at once, updates from Telegram's 40 webhook connections waited for room (p50 from update
    // to answer 250-340 ms in the webhook benchmark, 150-230 ms with 250; as many answers a second either way).
    const int Parallel = 250;

    /// <summary>A chat being answered: the updates it was given, and those it finished with.</summary>
    sealed record Run(List<int> Given, Task<List<int>> Finished);

    readonly Dictionary<long, Run> running = [];

    // Taken from the store and not started yet, oldest first: their chat is being answered, or there was no room.
    readonly List<Update> queued = [];

    // Every update running or queued: the store is not asked for them again.
    readonly HashSet<int> inHand = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pausedUntil = DateTime.MinValue;
        Task? arrival = null;
        using var renewing = new CancellationTokenSource();
        var renewal = RenewWhileAsync(renewing.Token);
        while (true)
        {
            var stopping = stoppingToken.IsCancellationRequested;
            var paused = DateTime.UtcNow < pausedUntil;
            if (!stopping && !paused && queued.Count < Parallel) await TakeAsync();
            if (!stopping) Start();
            if (stopping && running.Count == 0) break;

            // Woken by a chat finished, by this replica's webhook or within the second (another replica's arrivals), or at the end of a pause.
            var wake = new List<Task>(running.Values.Select(r => r.Finished));
            if (paused) wake.Add(Task.Delay(pausedUntil - DateTime.UtcNow, CancellationToken.None));
            else if (!stopping) wake.Add(arrival ??= arrivals.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken));
            await Task.WhenAny(wake);
            if (arrival is { IsCompleted: true }) arrival = null;

            // The store failing: what is left stays kept, and is tried again in a second, not in a busy loop.
            if (!await FinishAsync()) pausedUntil = DateTime.UtcNow.AddSeconds(1);
        }
        await renewing.CancelAsync();
        await renewal;
    }

    async Task TakeAsync()
    {
        var pending = await faults.ContainAsync("telegram state", () => state.TakeAsync(Parallel, inHand, CancellationToken.None), []);
        foreach (var (id, json) in pending)
            if (inHand.Add(id)) queued.Add(JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!);
        queued.Sort((a, b) => a.Id.CompareTo(b.Id));
    }

    /// <summary>Starts the queued updates of chats not being answered, oldest first, as far as there is room; a chat's later updates wait behind it.</summary>
    void Start()
    {
        foreach (var chat in queued.GroupBy(TelegramUpdates.ChatOf).ToList())
        {
            if (running.Count >= Parallel) break;
            if (running.ContainsKey(chat.Key)) continue;
            var updates = chat.ToList();
            queued.RemoveAll(updates.Contains);
            running[chat.Key] = new Run([.. updates.Select(u => u.Id)], Task.Run(() => delivery.HandleInOrderAsync(updates, CancellationToken.None)));
        }
    }

    /// <summary>Drops the chats that are through from those running, and their answered updates from the store.</summary>
    /// <returns>False when an update was left unanswered or the store could not drop them.</returns>
    async Task<bool> FinishAsync()
    {
        var finished = new List<int>();
        var complete = true;
        foreach (var (chat, run) in running.Where(r => r.Value.Finished.IsCompleted).ToList())
        {
            running.Remove(chat);
            inHand.ExceptWith(run.Given);
            var done = run.Finished.IsCompletedSuccessfully ? run.Finished.Result : [];
            finished.AddRange(done);
            if (done.Count == run.Given.Count) continue;
            // Its later updates go back to the store with the one left, to be taken again in order.
            complete = false;
            inHand.ExceptWith(queued.Where(u => TelegramUpdates.ChatOf(u) == chat).Select(u => u.Id));
            queued.RemoveAll(u => TelegramUpdates.ChatOf(u) == chat);
        }
        return finished.Count == 0 ? complete
            : await faults.ContainAsync("telegram state", () => state.ForgetAsync(finished, CancellationToken.None)) && complete;
    }

    /// <summary>While the worker runs, its claims are renewed every third of their lease, so no other replica takes them over.</summary>
    async Task RenewWhileAsync(CancellationToken stopped)
    {
        var every = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds / 3.0);
        while (true)
        {
            try { await Task.Delay(every, stopped); }
            catch (OperationCanceledException) { return; }
            await faults.ContainAsync("telegram state", () => state.RenewAsync(CancellationToken.None));
        }
    }
}
