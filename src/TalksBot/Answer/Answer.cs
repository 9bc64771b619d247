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
    string? Error = null);
