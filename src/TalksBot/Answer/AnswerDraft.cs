using TalksBot.Extractive;

namespace TalksBot.Answer;

/// <summary>
/// What an engine produces: text with [n] markers and the citations they point at, or a refusal.
/// <see cref="Support"/> (0..1) is how well the best evidence covers the question.
/// </summary>
public sealed record AnswerDraft(string Text, IReadOnlyList<Citation> Citations, bool Refused, float Support)
{
    /// <summary>Why the engine declined (<see cref="Declined.No"/> for an answer).</summary>
    public Declined Why { get; init; }

    /// <summary>What the learned gate made of the best evidence, where the offline engine got that far.</summary>
    public GateReading? Reading { get; init; }

    public static AnswerDraft Refusal(string text, Declined why, float support = 0) => new(text, [], Refused: true, support) { Why = why };
}

/// <summary>Why a question was declined; `ask --json` reports it as <c>declined</c>.</summary>
public enum Declined
{
    No,
    /// <summary>Search found no passage.</summary>
    NoPassages,
    /// <summary>The question has no word to look for.</summary>
    NoWordsToMatch,
    /// <summary>A follow-up with nothing before it.</summary>
    NeedsContext,
    /// <summary>A name of the question no text mentions.</summary>
    UnknownName,
    /// <summary>Only the question's names match; what it asks about, no text has.</summary>
    OnlyNamesMatch,
    /// <summary>No sentence covers enough of the question.</summary>
    NoSentenceAnswers,
    /// <summary>Sentences are about the question but none states the kind of thing it asks for.</summary>
    NothingCarriesKind,
    /// <summary>The best sentence's learned probability of answering is under the gate's threshold.</summary>
    BelowThreshold,
    /// <summary>The LLM said the passages do not hold the answer.</summary>
    ModelSaidNotInTexts,
    /// <summary>The LLM's reply held no claim a passage supports.</summary>
    NothingVerifiable,
}
