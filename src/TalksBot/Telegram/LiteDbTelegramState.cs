using System.Collections.Concurrent;
using LiteDB;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// The Telegram front end's state in the process's LiteDB file. One process per file
/// (<see cref="Storage.DatabaseLock"/>), so polling is always this process's, nothing is leased, and a
/// claim is this process's memory of what it is answering: written down is only what was answered,
/// together with dropping it from the kept updates. One left unanswered by a process that died is
/// answered after the restart.
/// </summary>
public sealed class LiteDbTelegramState(LiteDatabase db, LiteDbGroupCommit writes, TimeProvider time) : ITelegramState
{
    sealed class HandledUpdate
    {
        public int Id { get; set; }
        public DateTime At { get; set; }
        public string Process { get; set; } = "";
        public bool Done { get; set; }
    }

    sealed class PendingUpdate
    {
        public int Id { get; set; }
        public string Json { get; set; } = "";
        public DateTime At { get; set; }
    }

    /// <summary>This process, among the ones that have used the database.</summary>
    static readonly string ThisProcess = Guid.NewGuid().ToString("N");

    readonly ILiteCollection<BsonDocument> state = db.GetCollection("telegram_state");
    readonly ILiteCollection<HandledUpdate> handled = db.GetCollection<HandledUpdate>("telegram_updates");
    readonly ILiteCollection<PendingUpdate> inbox = db.GetCollection<PendingUpdate>("telegram_inbox");
    readonly ConcurrentDictionary<int, bool> answering = new();

    // The kept updates' ids, oldest first, as committed: a take reads only the updates it takes, not the
    // whole inbox in order (a seventh of the writer's time in the webhook benchmark). Read from the
    // file on the first take; changed only once a write is committed, so a batch rolled back leaves it true.
    readonly SortedSet<int> kept = [];
    bool keptLoaded;

    // Updates a take handed over, until claimed: they were in the inbox, so not answered (one answered is never
    // kept, and marking one answered drops it from the inbox in the same write). Their claim reads nothing.
    readonly ConcurrentDictionary<int, bool> taken = new();

    public async Task KeepAsync(int updateId, long chatId, string json, CancellationToken cancellationToken = default)
    {
        var inserted = await writes.RunAsync(() =>
        {
            if (inbox.FindById(updateId) is not null || handled.FindById(updateId) is { Done: true }) return false;
            inbox.Insert(new PendingUpdate { Id = updateId, Json = json, At = time.GetUtcNow().UtcDateTime });
            return true;
        });
        if (inserted) lock (kept) kept.Add(updateId);
    }

    /// <summary>
    /// Only the updates taken are read. Read on the writer's thread, between its commits: LiteDB 5.0 has met a
    /// page mid-write when read beside a busy writer ("page type must be collection page", seen in the webhook benchmark).
    /// </summary>
    public async Task<List<(int Id, string Json)>> TakeAsync(int max, IReadOnlyCollection<int>? except = null, CancellationToken cancellationToken = default)
    {
        var skip = except as IReadOnlySet<int> ?? except?.ToHashSet() ?? [];
        var read = await writes.RunAsync<List<(int Id, string Json)>>(() =>
        {
            List<int> ids;
            lock (kept)
            {
                if (!keptLoaded) kept.UnionWith(inbox.Query().Select(u => u.Id).ToEnumerable());
                keptLoaded = true;
                ids = [.. kept.Where(id => !skip.Contains(id)).Take(max)];
            }
            return [.. ids.Select(id => inbox.FindById(id)).OfType<PendingUpdate>().Select(u => (u.Id, u.Json))];
        });
        foreach (var (id, _) in read) taken[id] = true;
        return read;
    }

    /// <summary>In one write, each by its id. One dropped late is skipped by its claim.</summary>
    public async Task ForgetAsync(IReadOnlyCollection<int> updateIds, CancellationToken cancellationToken = default)
    {
        if (updateIds.Count == 0) return;
        await writes.RunAsync(() =>
        {
            foreach (var id in updateIds) inbox.Delete(id);
        });
        lock (kept) kept.ExceptWith(updateIds);
        foreach (var id in updateIds) taken.TryRemove(id, out _);
    }

    public Task RenewAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> OffsetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.FindById("offset")?["value"].AsInt32 ?? 0);

    public Task SaveOffsetAsync(int offset, CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => state.Upsert(new BsonDocument { ["_id"] = "offset", ["value"] = offset }));

    /// <summary>Nothing written: only this process answers from this file, and one that died answered nothing that is not marked done.</summary>
    public async Task<bool> TryClaimAsync(int updateId, CancellationToken cancellationToken = default)
    {
        if (taken.TryRemove(updateId, out _)) return answering.TryAdd(updateId, true);
        // The claim itself outside the writer's lambda, which is run again when its batch fails.
        var answered = await writes.RunAsync(() => handled.FindById(updateId) is { Done: true });
        return !answered && answering.TryAdd(updateId, true);
    }

    /// <summary>Answered, and no longer kept, in one write. Marks older than a day are forgotten (Telegram keeps updates 24 hours).</summary>
    public async Task MarkDoneAsync(int updateId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await writes.RunAsync(() =>
        {
            handled.Upsert(new HandledUpdate { Id = updateId, At = now, Process = ThisProcess, Done = true });
            inbox.Delete(updateId);
            if (updateId % 100 != 0) return;
            handled.EnsureIndex(u => u.At);
            handled.DeleteMany(u => u.At < now.AddDays(-1));
        });
        lock (kept) kept.Remove(updateId);
        answering.TryRemove(updateId, out _);
    }

    public Task<IHeldLock?> TryLeadPollingAsync(CancellationToken cancellationToken = default) => NothingHeld.Task;

}
