namespace TalksBot.Answer;

/// <summary>How questions are answered (section "Answer").</summary>
public sealed class AnswerOptions
{
    /// <summary>"extractive" (offline, the default) or "openai" (any OpenAI-compatible chat endpoint, see section OpenAI).</summary>
    public string Engine { get; set; } = "extractive";

    /// <summary>
    /// Careful mode: the learned gate (Extractive/gate.json) chooses each part's sentence among those the rules let
    /// through and declines where it does not trust it, for fewer wrong answers at the cost of more refusals
    /// (docs/answering.md has the figures). Off, the engine answers on its rules alone.
    /// </summary>
    public bool Gate { get; set; }

    /// <summary>Passages retrieved for each question.</summary>
    public int Passages { get; set; } = 8;

    /// <summary>Share of the question's weight (0..1) the best sentence must cover, or the bot says the texts do not answer.</summary>
    public float MinCoverage { get; set; } = 0.32f;

    /// <summary>What a word the question asks about counts for when the sentence lacks it but the sentence before has it and this one points back ("she", "her office"), against 1 in the sentence.</summary>
    public float NeighbourWeight { get; set; } = 0.3f;

    /// <summary>What a name, figure or given word counts for when the sentence lacks it but a neighbouring sentence has it.</summary>
    public float BoundNeighbourWeight { get; set; } = 0.4f;

    /// <summary>What a name, figure or given word counts for when only the sentence's article (or its title) has it: the city of a report is often named once.</summary>
    public float BoundArticleWeight { get; set; } = 0.35f;

    /// <summary>What a word counts for at least when it matches, through a translation, a sentence in the other language than the question's.</summary>
    public float CrossLanguageWeight { get; set; } = 1f;

    /// <summary>Weight of the words of a clause the question takes as given ("Since the mayor resigned, who…").</summary>
    public float BackgroundWeight { get; set; } = 0.3f;

    /// <summary>Share of the question's weight (0..1) the best sentence must cover with its own words, whatever its context adds.</summary>
    public float MinDirect { get; set; } = 0.2f;

    /// <summary>What a sentence's score keeps when it lacks the person or reason asked for (a missing date, figure or quote rules it out).</summary>
    public float MissingKindFactor { get; set; } = 0.5f;

    /// <summary>Sentences an extractive answer combines at most.</summary>
    public int MaxSentences { get; set; } = 3;

    /// <summary>Turns of a conversation kept for follow-up questions.</summary>
    public int ConversationTurns { get; set; } = 6;

    /// <summary>A conversation is forgotten this many minutes after its last question.</summary>
    public int ConversationMinutes { get; set; } = 60;

    /// <summary>Longer questions are answered with a message, not cut.</summary>
    public int MaxQuestionChars { get; set; } = 1000;
}
