using LiteDB;

namespace TalksBot.Telegram;

/// <summary>
/// What the Telegram front end must remember across restarts, in the process's LiteDB file: the
/// next update to fetch, and the updates already taken, so that a redelivered update (a webhook
/// retry, a batch fetched again after a crash) is answered once.
/// </summary>
public sealed class TelegramStateStore(LiteDatabase db, TimeProvider time)
{
    sealed class HandledUpdate
    {
        public int Id { get; set; }
        public DateTime At { get; set; }
    }

    readonly ILiteCollection<BsonDocument> state = db.GetCollection("telegram_state");
    readonly ILiteCollection<HandledUpdate> handled = db.GetCollection<HandledUpdate>("telegram_updates");

    public int Offset => state.FindById("offset")?["value"].AsInt32 ?? 0;

    public void SaveOffset(int offset) => state.Upsert(new BsonDocument { ["_id"] = "offset", ["value"] = offset });

    /// <summary>Claims an update; false when it was claimed before. Claims older than a day are forgotten (Telegram keeps updates 24 hours).</summary>
    public bool TryClaim(int updateId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            handled.Insert(new HandledUpdate { Id = updateId, At = now });
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
        if (updateId % 100 == 0) handled.DeleteMany(u => u.At < now.AddDays(-1));
        return true;
    }
}
