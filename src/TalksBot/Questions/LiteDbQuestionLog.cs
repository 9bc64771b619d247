using System.Security.Cryptography;
using LiteDB;
using TalksBot.Index;
using TalksBot.Observability;
using TalksBot.Storage;

namespace TalksBot.Questions;

/// <summary>
/// The questions log in the process's LiteDB file, keeping the newest <see cref="Keep"/> entries. User
/// ids are stored as an HMAC under a key made once per installation and kept in the database, so
/// the same user is recognisable in the log but a chat id cannot be looked up from it.
/// </summary>
/// <remarks>
/// Entries are written in batches: one LiteDB commit per question cost more than answering it (2.5 of
/// 3.5 ms in the ask benchmark). Reading the log, and disposing it at shutdown, writes what is pending
/// first; a killed process loses at most that last moment of the log, never an answer.
/// </remarks>
public sealed class LiteDbQuestionLog : IQuestionLog, IDisposable
{
    const int Keep = IQuestionLog.Keep;
    readonly ILiteCollection<QuestionRecord> questions;
    readonly Faults faults;
    readonly byte[] key;
    readonly WriteBehind<QuestionRecord> pending;

    readonly LiteDbWriteLock writes;

    public LiteDbQuestionLog(LiteDatabase db, LiteDbWriteLock writes, Faults faults)
    {
        this.faults = faults;
        this.writes = writes;
        questions = db.GetCollection<QuestionRecord>("questions");
        questions.EnsureIndex(q => q.Refused);
        questions.EnsureIndex(q => q.Key);
        questions.EnsureIndex(q => q.User);
        var meta = db.GetCollection("meta");
        if (meta.FindById("question_log_key")?["value"].AsBinary is { Length: 32 } stored) key = stored;
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
            using (writes.Enter()) meta.Upsert(new BsonDocument { ["_id"] = "question_log_key", ["value"] = key });
        }
        pending = new(Write, faults, "questions log");
    }

    public void Record(QuestionRecord record, string? userId)
    {
        record.User = IQuestionLog.HashUser(key, userId);
        pending.Add(record);
    }


    // The log keeps at most Keep entries: filtering them in memory is simpler than indexes and fast enough for a console page.
    public async Task<(IReadOnlyList<QuestionRecord> Items, int Total)> FindAsync(QuestionQuery query, CancellationToken cancellationToken = default)
    {
        var found = (await ReadAsync(q => q.Query().OrderByDescending(r => r.Id).ToList())).Where(query.Matches).ToList();
        return ([.. found.Skip(query.Page * query.Size).Take(query.Size)], found.Count);
    }

    public async Task<IReadOnlyList<QuestionRecord>> SinceAsync(DateTime since, CancellationToken cancellationToken = default) =>
        await ReadAsync(q => q.Query().Where(r => r.At >= since).OrderByDescending(r => r.Id).ToList());

    public async Task<VoteOutcome?> VoteAsync(string key, string userId, FeedbackChoice choice, string frontEnd, DateTime at, CancellationToken cancellationToken = default) =>
        await ReadAsync(q =>
        {
            if (q.FindOne(r => r.Key == key) is not { } record) return null;
            var outcome = Votes.Cast(record.Votes, IQuestionLog.HashUser(this.key, userId)!, choice, frontEnd, at);
            q.Update(record);
            return outcome;
        });

    public async Task<Forgotten> ForgetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var person = IQuestionLog.HashUser(key, userId)!;
        return await ReadAsync(q =>
        {
            // Votes first, so those on their own answers are counted too.
            var votesGone = 0;
            foreach (var record in q.FindAll().Where(r => r.Votes.Any(v => v.Person == person)).ToList())
            {
                votesGone += Votes.Remove(record.Votes, person);
                q.Update(record);
            }
            return new Forgotten(q.DeleteMany(r => r.User == person), votesGone);
        });
    }

    public async Task<int> RemoveBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default) =>
        await ReadAsync(q => q.DeleteMany(r => r.At < cutoff));

    public async Task<bool> LabelAsync(int id, QuestionLabel? label, CancellationToken cancellationToken = default) =>
        await ReadAsync(q =>
        {
            if (q.FindById(id) is not { } record) return false;
            record.Label = label;
            return q.Update(record);
        });

    /// <summary>
    /// Works on the collection once what is pending is written. A query's pages read while another collection's transaction
    /// frees pages fail in LiteDB 5.0.20 ("pages in memory store must be non-shared", the same fault as the writers'):
    /// the console's rare reads take the writers' lock too.
    /// </summary>
    async Task<T> ReadAsync<T>(Func<ILiteCollection<QuestionRecord>, T> work)
    {
        await pending.FlushAsync();
        using (writes.Enter()) return work(questions);
    }

    /// <summary>One commit a batch; the oldest beyond <see cref="Keep"/> are dropped every 500 entries.</summary>
    Task Write(List<QuestionRecord> batch)
    {
        using (writes.Enter())
        {
            questions.InsertBulk(batch);
            var (first, last) = (batch[0].Id, batch[^1].Id);
            if (last / 500 > (first - 1) / 500) questions.DeleteMany(q => q.Id <= last - Keep);
        }
        return Task.CompletedTask;
    }

    public void Dispose() => faults.ContainAsync("questions log", pending.FlushAsync).GetAwaiter().GetResult();
}
