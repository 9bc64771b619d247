using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using TalksBot.Observability;

namespace TalksBot.Answer;

/// <summary>
/// The questions log in the process's LiteDB file, keeping the newest <see cref="Keep"/> entries. User
/// ids are stored as an HMAC under a key made once per installation and kept in the database, so
/// the same user is recognisable in the log but a chat id cannot be looked up from it.
/// </summary>
/// <remarks>
/// Entries are written in batches, at most <see cref="FlushDelay"/> after they are recorded: one LiteDB
/// commit per question cost more than answering it (2.5 of 3.5 ms in the ask benchmark). Reading the
/// log, and disposing it at shutdown, writes what is pending first; a killed process loses at most
/// that last moment of the log, never an answer.
/// </remarks>
public sealed class LiteDbQuestionLog : IQuestionLog, IDisposable
{
    public const int Keep = 10_000;
    static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(200);
    readonly ILiteCollection<QuestionRecord> questions;
    readonly Faults faults;
    readonly byte[] key;
    readonly ConcurrentQueue<QuestionRecord> pending = new();
    readonly Lock writeLock = new();
    int scheduled;

    public LiteDbQuestionLog(LiteDatabase db, Faults faults)
    {
        this.faults = faults;
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
        pending.Enqueue(record);
        if (Interlocked.Exchange(ref scheduled, 1) == 0)
            _ = Task.Delay(FlushDelay).ContinueWith(_ => faults.Contain("questions log", Flush), TaskScheduler.Default);
    }

    // The log keeps at most Keep entries: filtering them in memory is simpler than indexes and fast enough for a console page.
    public (IReadOnlyList<QuestionRecord> Items, int Total) Find(QuestionQuery query)
    {
        Flush();
        var found = questions.Query().OrderByDescending(q => q.Id).ToEnumerable()
            .Where(q => (!query.RefusedOnly || q.Refused) && (query.FrontEnd is null || q.FrontEnd == query.FrontEnd)
                && (string.IsNullOrWhiteSpace(query.Text) || q.Question.Contains(query.Text.Trim(), StringComparison.OrdinalIgnoreCase) || q.Answer.Contains(query.Text.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return ([.. found.Skip(query.Page * query.Size).Take(query.Size)], found.Count);
    }

    /// <summary>Writes the pending entries in one commit, and drops the oldest beyond <see cref="Keep"/> every 500 entries.</summary>
    void Flush()
    {
        lock (writeLock)
        {
            Volatile.Write(ref scheduled, 0);
            var batch = new List<QuestionRecord>();
            while (pending.TryDequeue(out var record)) batch.Add(record);
            if (batch.Count == 0) return;
            questions.InsertBulk(batch);
            var (first, last) = (batch[0].Id, batch[^1].Id);
            if (last / 500 > (first - 1) / 500) questions.DeleteMany(q => q.Id <= last - Keep);
        }
    }

    public void Dispose() => faults.Contain("questions log", Flush);
}
