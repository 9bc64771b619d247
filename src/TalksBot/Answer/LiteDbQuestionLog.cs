using System.Security.Cryptography;
using System.Text;
using LiteDB;

namespace TalksBot.Answer;

/// <summary>
/// The questions log in the process's LiteDB file, keeping the newest <see cref="Keep"/> entries. User
/// ids are stored as an HMAC under a key made once per installation and kept in the database, so
/// the same user is recognisable in the log but a chat id cannot be looked up from it.
/// </summary>
public sealed class LiteDbQuestionLog : IQuestionLog
{
    public const int Keep = 10_000;
    readonly ILiteCollection<QuestionRecord> questions;
    readonly byte[] key;
    readonly Lock writeLock = new();

    public LiteDbQuestionLog(LiteDatabase db)
    {
        questions = db.GetCollection<QuestionRecord>("questions");
        questions.EnsureIndex(q => q.Refused);
        var meta = db.GetCollection("meta");
        if (meta.FindById("question_log_key")?["value"].AsBinary is { Length: 32 } stored) key = stored;
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
            meta.Upsert(new BsonDocument { ["_id"] = "question_log_key", ["value"] = key });
        }
    }

    public void Record(QuestionRecord record, string? userId)
    {
        record.User = userId is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId)))[..16];
        lock (writeLock)
        {
            questions.Insert(record);
            if (record.Id % 500 == 0) questions.DeleteMany(q => q.Id <= record.Id - Keep);
        }
    }

    public IReadOnlyList<QuestionRecord> Recent(int limit, bool refusedOnly = false)
    {
        var query = questions.Query();
        if (refusedOnly) query = query.Where(q => q.Refused);
        return [.. query.OrderByDescending(q => q.Id).Limit(limit).ToEnumerable()];
    }
}
