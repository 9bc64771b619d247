using LiteDB;

namespace TalksBot.Telegram;

/// <summary>
/// What the Telegram front end must remember across restarts, in the process's LiteDB file: the
/// next update to fetch, and the updates taken, so that a redelivered update (a webhook retry, a
/// batch fetched again after a crash) is answered once. A claim records the process that took it
/// and whether it was answered: one left unanswered by a process that died is taken over, so a
/// crash in the middle of answering loses nothing.
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

    /// <summary>This process, among the ones that have used the database.</summary>
    static readonly string ThisProcess = Guid.NewGuid().ToString("N");
    readonly Lock claimLock = new();

    readonly ILiteCollection<BsonDocument> state = db.GetCollection("telegram_state");
    readonly ILiteCollection<HandledUpdate> handled = db.GetCollection<HandledUpdate>("telegram_updates");

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
