using LiteDB;

namespace TalksBot.Telegram;

/// <summary>
/// What the Telegram front end must remember across restarts, in the process's LiteDB file: the
/// next update to fetch, and the updates taken, so that a redelivered update (a webhook retry, a
/// batch fetched again after a crash) is answered once. A claim records the process that took it
/// and whether it was answered: one left unanswered by a process that died is taken over, so a
/// crash in the middle of answering loses nothing. Updates the webhook receives are kept here until
/// handled, so that one acknowledged is never lost.
/// </summary>
public sealed class TelegramStateStore(LiteDatabase db, TimeProvider time)
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
    readonly Lock claimLock = new();

    readonly ILiteCollection<BsonDocument> state = db.GetCollection("telegram_state");
    readonly ILiteCollection<HandledUpdate> handled = db.GetCollection<HandledUpdate>("telegram_updates");
    readonly ILiteCollection<PendingUpdate> inbox = db.GetCollection<PendingUpdate>("telegram_inbox");

    /// <summary>
    /// Keeps an update the webhook received until it has been handled, before the webhook acknowledges
    /// it: an update acknowledged is on disk, whatever happens to the process. A redelivery of one kept
    /// or answered already is not kept again. Throws when the store cannot take it (the webhook then
    /// answers 503, and Telegram delivers it again).
    /// </summary>
    public void Keep(int updateId, string json)
    {
        lock (claimLock)
        {
            if (inbox.FindById(updateId) is not null || handled.FindById(updateId) is { Done: true }) return;
            inbox.Insert(new PendingUpdate { Id = updateId, Json = json, At = time.GetUtcNow().UtcDateTime });
        }
    }

    /// <summary>The kept updates not yet handled, oldest first.</summary>
    public List<(int Id, string Json)> Pending(int max) =>
        [.. inbox.Query().OrderBy(u => u.Id).Limit(max).ToEnumerable().Select(u => (u.Id, u.Json))];

    /// <summary>Drops handled updates from the kept ones, in one write. One dropped late is skipped by its claim.</summary>
    public void Forget(IReadOnlyCollection<int> updateIds)
    {
        if (updateIds.Count > 0) inbox.DeleteMany(Query.In("_id", new BsonArray(updateIds.Select(id => new BsonValue(id)))));
    }

    public int Offset => state.FindById("offset")?["value"].AsInt32 ?? 0;

    public void SaveOffset(int offset) => state.Upsert(new BsonDocument { ["_id"] = "offset", ["value"] = offset });

    /// <summary>
    /// Claims an update; false when it was answered already, or is being answered by this process.
    /// Claims older than a day are forgotten (Telegram keeps updates 24 hours).
    /// </summary>
    public bool TryClaim(int updateId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (claimLock)
        {
            var claim = handled.FindById(updateId);
            if (claim is not null && (claim.Done || claim.Process == ThisProcess)) return false;
            handled.Upsert(new HandledUpdate { Id = updateId, At = now, Process = ThisProcess });
        }
        if (updateId % 100 == 0) handled.DeleteMany(u => u.At < now.AddDays(-1));
        return true;
    }

    public void MarkDone(int updateId)
    {
        lock (claimLock)
        {
            if (handled.FindById(updateId) is { } claim)
            {
                claim.Done = true;
                handled.Update(claim);
            }
        }
    }
}
