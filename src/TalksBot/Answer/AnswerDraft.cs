namespace TalksBot.Answer;

/// <summary>
/// What an engine produces: text with [n] markers and the citations they point at, or a refusal.
/// <see cref="Support"/> (0..1) is how well the best evidence covers the question.
/// </summary>
public sealed record AnswerDraft(string Text, IReadOnlyList<Citation> Citations, bool Refused, float Support)
{
    public static AnswerDraft Refusal(string text, float support = 0) => new(text, [], Refused: true, support);
}
