using TalksBot.Conversations;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>One way of answering from the retrieved passages: the offline engine, or an LLM with it to fall back on. Chosen at composition by Answer:Engine.</summary>
public interface IAnswerEngine
{
    /// <summary>The engine's name as Answer:Engine gives it ("extractive", "openai").</summary>
    string Name { get; }

    Task<EngineAnswer> AnswerAsync(EngineRequest request, CancellationToken cancellationToken);
}

/// <param name="Question">As asked.</param>
/// <param name="Asked">The question with the one it follows up, when it leans on one (what was searched).</param>
/// <param name="Known">The question's words as its search worked them out, when read in the same language.</param>
/// <param name="Vector">The question's offline sentence vector, when its search computed one for the same text.</param>
public sealed record EngineRequest(SearchIndex Index, string Question, string Asked, string Language, IReadOnlyList<SearchHit> Hits,
    ConversationTurn? Previous, IReadOnlyList<QueryWord>? Known, float[]? Vector = null);

/// <param name="Engine">What answered, as `ask --json` and the log name it ("extractive (fallback: …)" when the LLM failed).</param>
public sealed record EngineAnswer(AnswerDraft Draft, string Engine, bool FellBack = false);
