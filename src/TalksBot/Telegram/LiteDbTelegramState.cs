using LiteDB;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// The Telegram front end's state in the process's LiteDB file. A claim records the process that took
/// it and whether it was answered: one left unanswered by a process that died is taken over. One process
/// per file (<see cref="Index.DatabaseLock"/>), so polling is always this process's, and nothing is leased.
/// LiteDB is synchronous: the tasks returned are complete.
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

    public Task KeepAsync(int updateId, long chatId, string json, CancellationToken cancellationToken = default) => writes.RunAsync(() =>
    {
        if (inbox.FindById(updateId) is not null || handled.FindById(updateId) is { Done: true }) return;
        inbox.Insert(new PendingUpdate { Id = updateId, Json = json, At = time.GetUtcNow().UtcDateTime });
    });

    public Task<List<(int Id, string Json)>> TakeAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<List<(int, string)>>([.. inbox.Query().OrderBy(u => u.Id).Limit(max).ToEnumerable().Select(u => (u.Id, u.Json))]);

    /// <summary>In one write. One dropped late is skipped by its claim.</summary>
    public Task ForgetAsync(IReadOnlyCollection<int> updateIds, CancellationToken cancellationToken = default) =>
        updateIds.Count == 0 ? Task.CompletedTask
            : writes.RunAsync(() => inbox.DeleteMany(Query.In("_id", new BsonArray(updateIds.Select(id => new BsonValue(id))))));

    public Task RenewAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> OffsetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.FindById("offset")?["value"].AsInt32 ?? 0);

    public Task SaveOffsetAsync(int offset, CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => state.Upsert(new BsonDocument { ["_id"] = "offset", ["value"] = offset }));

    /// <summary>Claims older than a day are forgotten (Telegram keeps updates 24 hours).</summary>
    public Task<bool> TryClaimAsync(int updateId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return writes.RunAsync(() =>
        {
            var claim = handled.FindById(updateId);
            if (claim is not null && (claim.Done || claim.Process == ThisProcess)) return false;
            handled.Upsert(new HandledUpdate { Id = updateId, At = now, Process = ThisProcess });
            if (updateId % 100 == 0) handled.DeleteMany(u => u.At < now.AddDays(-1));
            return true;
        });
    }

    public Task MarkDoneAsync(int updateId, CancellationToken cancellationToken = default) => writes.RunAsync(() =>
    {
        if (handled.FindById(updateId) is { } claim)
        {
            claim.Done = true;
            handled.Update(claim);
        }
    });

    public Task<IHeldLock?> TryLeadPollingAsync(CancellationToken cancellationToken = default) => NothingHeld.Task;

}
