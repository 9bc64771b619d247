namespace TalksBot.Questions;

/// <summary>What people asked and what they were told: for operators, and to see what the texts are missing.</summary>
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
}

/// <param name="FrontEnd">Only this front end ("telegram", "discord", "admin", "console"); null for all.</param>
/// <param name="Text">Only entries whose question or answer holds this text, in any case.</param>
public sealed record QuestionQuery(bool RefusedOnly = false, string? FrontEnd = null, string? Text = null, int Page = 0, int Size = 50);
