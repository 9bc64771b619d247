using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using TalksBot.Questions;
using TalksBot.Index;
using TalksBot.Llm;
using TalksBot.Ingest;
using TalksBot.Observability;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The one answering service every front end uses: retrieve passages, have the configured engine
/// answer from them through the kernel, and check the result before anyone sees it. When the LLM
/// endpoint is down, slow, rate-limited or answers garbage, the offline engine answers instead.
/// </summary>
public sealed partial class AnswerService(
    Searcher searcher,
    KnowledgeBase knowledge,
    Kernel kernel,
    ExtractiveAnswerer extractive,
    IOptions<AnswerOptions> options,
    ILogger<AnswerService> logger,
    IConversationStore conversations,
    IQuestionLog log,
    TalksBotMetrics metrics,
    Faults faults,
    TimeProvider time,
    IServiceProvider services)
{
    public const string Extractive = "extractive";
    public const string OpenAI = "openai";

    /// <param name="conversationId">Where the question was asked (a chat, a channel); follow-up questions are read in its light.</param>
    /// <param name="asker">Who asked, for the questions log (the console when not given).</param>
    public async Task<Answer> AskAsync(string question, string? conversationId = null, Asker? asker = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var language = LanguageDetector.Detect(question ?? "");
        if (string.IsNullOrWhiteSpace(question)) return Failed(question ?? "", language, AnswerTexts.EmptyQuestion(language));
        if (question.Length > o.MaxQuestionChars) return Failed(question, language, AnswerTexts.TooLong(language, o.MaxQuestionChars));

        var total = Stopwatch.StartNew();
        var index = await knowledge.GetAsync(cancellationToken);
        var previous = conversationId is null ? null : FollowUp.Context(question,
            await faults.ContainAsync("conversations", () => conversations.RecentAsync(conversationId, cancellationToken), [])); // unreadable: the question is read alone
        // A follow-up is asked together with the question it leans on.
        var asked = previous is null ? question : $"{previous.Question} {question}";
        var found = await searcher.SearchAsync(asked, o.Passages, cancellationToken);
        var searchMs = total.Elapsed.TotalMilliseconds;

        var (draft, engine) = o.Engine == OpenAI
            ? await WithLlmAsync(index, asked, language, found.Hits, previous, question, cancellationToken)
            : (await ExtractiveAsync(index, question, previous, language, found.Hits, found.Language == language ? found.Words : null, cancellationToken), Extractive);
        var timings = new Dictionary<string, double>
        {
            ["search"] = searchMs, ["answer"] = total.Elapsed.TotalMilliseconds - searchMs, ["total"] = total.Elapsed.TotalMilliseconds,
        };
        var now = time.GetUtcNow().UtcDateTime;
        // The answer stands whether or not it can be written down: a full disk costs the follow-up and the log line, not the answer.
        if (conversationId is not null)
            await faults.ContainAsync("conversations", () => conversations.AppendAsync(conversationId, new ConversationTurn(asked, draft.Text, draft.Refused, now), CancellationToken.None));
        asker ??= Asker.Console;
        LogAnswered(logger, asker.FrontEnd, timings["total"], engine, draft.Refused, draft.Citations.Select(c => c.Source).Distinct().Count());
        var key = QuestionRecord.NewKey();
        if (asker.Logged) metrics.Answered(asker.FrontEnd, o.Engine, draft.Refused, timings["total"], fellBack: engine != o.Engine);
        var logged = asker.Logged && faults.Contain("questions log", () => log.Record(new QuestionRecord
        {
            Key = key, At = now, FrontEnd = asker.FrontEnd, Question = question, Language = language, Answer = draft.Text, Refused = draft.Refused,
            Sources = [.. draft.Citations.Select(c => c.Source).Distinct()], Citations = [.. draft.Citations.Select(c => new LoggedCitation(c.N, c.Source, c.Quote))],
            LatencyMs = timings["total"], Engine = engine,
        }, asker.UserId));
        return new Answer(question, language, draft.Text, draft.Refused, draft.Support, draft.Citations, found.Hits, engine, timings)
        {
            Key = logged ? key : null, Why = draft.Why, Confidence = draft.Reading?.Probability, Features = draft.Reading?.Features,
        };
    }

    async Task<(AnswerDraft, string)> WithLlmAsync(SearchIndex index, string prompt, string language, IReadOnlyList<SearchHit> hits, ConversationTurn? previous, string question, CancellationToken cancellationToken)
    {
        if (hits.Count == 0) return (AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.NoPassages), OpenAI);
        try
        {
            return (await services.GetRequiredService<OpenAIAnswerer>().AnswerAsync(kernel, prompt, language, hits, cancellationToken), OpenAI);
        }
        catch (Exception e) when (OpenAIAnswerer.IsEndpointFailure(e, cancellationToken))
        {
            // While the breaker is open every question lands here; its opening was logged once.
            if (e is LlmPausedException) LogSkipped(logger);
            else LogFallback(logger, e.GetType().Name, e.Message);
            return (await ExtractiveAsync(index, question, previous, language, hits, null, cancellationToken), $"{Extractive} (fallback: the LLM endpoint failed)");
        }
    }

    /// <summary>What the offline engine answers from, passed to its kernel function as one argument.</summary>
    sealed record ExtractiveRequest(SearchIndex Index, string Question, ConversationTurn? Previous, string Language, IReadOnlyList<SearchHit> Hits, IReadOnlyList<QueryWord>? Known);

    // Made once: making a kernel function describes its parameters (a JSON schema), which cost more than many an answer.
    // It takes the kernel arguments whole, which the kernel hands over as they are.
    KernelFunction? extractiveFunction;

    KernelFunction ExtractiveFunction => extractiveFunction ??= KernelFunctionFactory.CreateFromMethod((KernelArguments arguments) =>
        {
            var request = (ExtractiveRequest)arguments["request"]!;
            return extractive.Answer(request.Index, request.Question, request.Language, request.Hits, request.Previous, request.Known);
        },
        "extractive_answer", "Answers from the retrieved passages with verbatim sentences.");

    /// <param name="known">The question's words as its search worked them out, when it was read in the same language: not worked out again.</param>
    async Task<AnswerDraft> ExtractiveAsync(SearchIndex index, string question, ConversationTurn? previous, string language, IReadOnlyList<SearchHit> hits,
        IReadOnlyList<QueryWord>? known, CancellationToken cancellationToken)
    {
        var request = new ExtractiveRequest(index, question, previous, language, hits, known);
        var result = await kernel.InvokeAsync(ExtractiveFunction, new KernelArguments { ["request"] = request }, cancellationToken);
        var draft = result.GetValue<AnswerDraft>()!;
        // The same guard as for any engine; extractive quotes pass it by construction.
        return draft.Refused ? draft : draft with { Citations = [.. draft.Citations.Where(c => hits.Any(h => h.Passage.Chunk.Source == c.Source && h.Passage.Chunk.Text.Contains(c.Quote)))] };
    }

    static Answer Failed(string question, string language, string error) =>
        new(question, language, "", false, 0, [], [], "none", new Dictionary<string, double>(), error);

    // One line per question for operators: never the question's text, nor anything secret.
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered for {FrontEnd} in {LatencyMs:0} ms by {Engine}: refused {Refused}, {Sources} sources")]
    static partial void LogAnswered(ILogger logger, string frontEnd, double latencyMs, string engine, bool refused, int sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM endpoint failed ({Kind}: {Reason}); answering with the extractive engine")]
    static partial void LogFallback(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The LLM endpoint is paused after failures; answering with the extractive engine")]
    static partial void LogSkipped(ILogger logger);
}
