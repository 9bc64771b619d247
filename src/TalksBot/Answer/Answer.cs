using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The answer to one question: text with [n] markers, the citations they point at, the passages
/// the engine was given (best first), whether the bot refused, which engine answered, and timings.
/// <see cref="Error"/> is set, and nothing else is, when the question itself could not be taken.
/// </summary>
public sealed record Answer(
    string Question,
    string Language,
    string Text,
    bool Refused,
    float Support,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<SearchHit> Passages,
    string Engine,
    IReadOnlyDictionary<string, double> TimingsMs,
    string? Error = null)
{
    /// <summary>The questions log's name for this answer, which its 👍/👎 buttons carry; null when it could not be logged (then no buttons).</summary>
    public string? Key { get; init; }

    /// <summary>Why the question was declined (<see cref="Declined.No"/> for an answer).</summary>
    public Declined Why { get; init; }

    /// <summary>The learned probability that the answer's evidence answers the question, where the offline engine read one.</summary>
    public float? Confidence { get; init; }

    /// <summary>What the gate read that probability from (<see cref="ExtractiveAnswerer.FeatureNames"/>): for training it and for looking into an answer.</summary>
    public float[]? Features { get; init; }
}
