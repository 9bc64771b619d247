namespace TalksBot.Answer;

/// <summary>How questions are answered (section "Answer").</summary>
public sealed class AnswerOptions
{
    /// <summary>"extractive" (offline, the default) or "openai" (any OpenAI-compatible chat endpoint, see section OpenAI).</summary>
    public string Engine { get; set; } = "extractive";

    /// <summary>Passages retrieved for each question.</summary>
    public int Passages { get; set; } = 8;

    /// <summary>Share of the question's weight (0..1) the best sentence must cover, or the bot says the texts do not answer.</summary>
    public float MinCoverage { get; set; } = 0.32f;

    /// <summary>Sentences an extractive answer combines at most.</summary>
    public int MaxSentences { get; set; } = 3;

    /// <summary>Turns of a conversation kept for follow-up questions.</summary>
    public int ConversationTurns { get; set; } = 6;

    /// <summary>A conversation is forgotten this many minutes after its last question.</summary>
    public int ConversationMinutes { get; set; } = 60;

    /// <summary>Longer questions are answered with a message, not cut.</summary>
    public int MaxQuestionChars { get; set; } = 1000;
}
