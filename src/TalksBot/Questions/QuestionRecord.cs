namespace TalksBot.Questions;

/// <summary>One answered question, as the questions log keeps it, with the votes on its answer and an operator's label.</summary>
public sealed class QuestionRecord
{
    public int Id { get; set; }

    /// <summary>Random, made when the answer is given: its buttons name the answer by it, so a guessed number names nothing.</summary>
    public string Key { get; set; } = "";

    /// <summary>72 random bits in 12 URL-safe characters: short enough for Telegram's 64-byte callback data.</summary>
    public static string NewKey() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9));

    public DateTime At { get; set; }
    public string FrontEnd { get; set; } = "";

    /// <summary>HMAC-SHA256 of the user's id under the installation's own key; never the id itself.</summary>
    public string? User { get; set; }

    public string Question { get; set; } = "";
    public string Language { get; set; } = "";
    public string Answer { get; set; } = "";
    public bool Refused { get; set; }
    public List<string> Sources { get; set; } = [];
    public List<LoggedCitation> Citations { get; set; } = [];
    public double LatencyMs { get; set; }
    public string Engine { get; set; } = "";

    /// <summary>One a person at most (see <see cref="Vote.Person"/>); a person's new vote replaces their old one.</summary>
    public List<Vote> Votes { get; set; } = [];

    public QuestionLabel? Label { get; set; }

    /// <summary>Someone said the answer did not help.</summary>
    [LiteDB.BsonIgnore]
    public bool Unhelpful => Votes.Any(v => !v.Helpful);
}

/// <summary>What an [n] of a logged answer quoted, from which source.</summary>
public sealed record LoggedCitation(int N, string Source, string Quote);

/// <summary>A person's 👍 or 👎 on an answer, with why it did not help where they said.</summary>
public sealed class Vote
{
    /// <summary>The voter, hashed as the log hashes users (so the asker's own vote carries their hash).</summary>
    public string Person { get; set; } = "";

    public bool Helpful { get; set; }

    /// <summary>wrong, not_in_sources or unclear (<see cref="VoteReasons"/>); only with an unhelpful vote.</summary>
    public string? Reason { get; set; }

    public string FrontEnd { get; set; } = "";
    public DateTime At { get; set; }
}

public static class VoteReasons
{
    public const string Wrong = "wrong", NotInSources = "not_in_sources", Unclear = "unclear";
    public static readonly string[] All = [Wrong, NotInSources, Unclear];
}

/// <summary>
/// An operator's verdict on a record, which turns it into a test question: <see cref="Must"/> holds
/// the words the answer should have (each an any-of group, as the scorer's `must`), or <see cref="Refuse"/> says the texts do not answer it.
/// </summary>
public sealed class QuestionLabel
{
    public bool Refuse { get; set; }
    public List<List<string>> Must { get; set; } = [];
    public DateTime At { get; set; }
}
