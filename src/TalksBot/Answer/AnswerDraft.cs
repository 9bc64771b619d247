namespace TalksBot.Answer;

/// <summary>What an engine produces: text with [n] markers and the citations they point at, or a refusal.</summary>
public sealed record AnswerDraft(string Text, IReadOnlyList<Citation> Citations, bool Refused)
{
    public static AnswerDraft Refusal(string text) => new(text, [], Refused: true);
}
