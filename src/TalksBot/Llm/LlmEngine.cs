using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using TalksBot.Answer;
using TalksBot.Extractive;

namespace TalksBot.Llm;

/// <summary>
/// The `openai` engine: the LLM answers from the passages (<see cref="OpenAIAnswerer"/>); when its endpoint is down,
/// slow, rate-limited, paused by the breaker or answers garbage, the offline engine answers instead.
/// </summary>
public sealed partial class LlmEngine(Kernel kernel, OpenAIAnswerer llm, ExtractiveEngine offline, ILogger<LlmEngine> logger) : IAnswerEngine
{
    public const string EngineName = "openai";

    public string Name => EngineName;

    public async Task<EngineAnswer> AnswerAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        if (request.Hits.Count == 0) return new(AnswerDraft.Refusal(AnswerTexts.NotInTexts(request.Language), Declined.NoPassages), Name);
        try
        {
            return new(await llm.AnswerAsync(kernel, request.Asked, request.Language, request.Hits, cancellationToken), Name);
        }
        catch (Exception e) when (OpenAIAnswerer.IsEndpointFailure(e, cancellationToken))
        {
            // While the breaker is open every question lands here; its opening was logged once.
            if (e is LlmPausedException) LogSkipped(logger);
            else LogFallback(logger, e.GetType().Name, e.Message);
            var fallback = await offline.AnswerAsync(request, cancellationToken);
            return new(fallback.Draft, $"{ExtractiveEngine.EngineName} (fallback: the LLM endpoint failed)", FellBack: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM endpoint failed ({Kind}: {Reason}); answering with the extractive engine")]
    static partial void LogFallback(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The LLM endpoint is paused after failures; answering with the extractive engine")]
    static partial void LogSkipped(ILogger logger);
}
