namespace TalksBot.Questions;

/// <summary>
/// What people asked, what they were told and what they thought of it: for operators, to see what the
/// texts are missing and to turn failures into test questions. In LiteDB, or in PostgreSQL shared by replicas.
/// </summary>
public interface IQuestionLog
{
    /// <summary>Entries kept, newest first; older ones are dropped.</summary>
    const int Keep = 10_000;

    /// <summary>A user as the log names them: an HMAC under the installation's key, so the same user is the same hash and the id cannot be got back.</summary>
    static string? HashUser(byte[] key, string? userId) =>
        userId is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(userId)))[..16];

    /// <summary>Takes the entry to be written shortly after (see <see cref="WriteBehind{T}"/>): no I/O on the answer's path.</summary>
    void Record(QuestionRecord record, string? userId);

    /// <summary>One page of the entries that match, newest first, and how many match in all.</summary>
    Task<(IReadOnlyList<QuestionRecord> Items, int Total)> FindAsync(QuestionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every entry asked at or after <paramref name="since"/>, newest first (at most <see cref="Keep"/>): for the console's chart and top lists.</summary>
    Task<IReadOnlyList<QuestionRecord>> SinceAsync(DateTime since, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="userId"/>'s choice on the answer named <paramref name="key"/>; null when the log holds no such answer.</summary>
    Task<VoteOutcome?> VoteAsync(string key, string userId, FeedbackChoice choice, string frontEnd, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>Removes the user's questions and their votes on any answer.</summary>
    Task<Forgotten> ForgetAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Removes the entries asked before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> RemoveBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null clears) an entry's label; false when there is no such entry.</summary>
    Task<bool> LabelAsync(int id, QuestionLabel? label, CancellationToken cancellationToken = default);
}

/// <param name="FrontEnd">Only this front end ("telegram", "discord", "admin", "console"); null for all.</param>
/// <param name="Text">Only entries whose question or answer holds this text, in any case.</param>
public sealed record QuestionQuery(bool RefusedOnly = false, string? FrontEnd = null, string? Text = null, int Page = 0, int Size = 50,
    bool UnhelpfulOnly = false, bool LabelledOnly = false)
{
    public bool Matches(QuestionRecord q) =>
        (!RefusedOnly || q.Refused) && (!UnhelpfulOnly || q.Unhelpful) && (!LabelledOnly || q.Label is not null)
        && (FrontEnd is null || q.FrontEnd == FrontEnd)
        && (string.IsNullOrWhiteSpace(Text) || q.Question.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase) || q.Answer.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The buttons under an answer: 👍, 👎, and after a 👎 why it did not help.</summary>
public enum FeedbackChoice { Helpful, Unhelpful, Wrong, NotInSources, Unclear }

/// <param name="Changed">Whether the person's vote is new or turned (👍 to 👎 or back): what the metric counts. A reason added to a 👎 is not a new vote.</param>
public sealed record VoteOutcome(bool Changed, int Helpful, int Unhelpful, Vote Vote);

public sealed record Forgotten(int Questions, int Votes);
