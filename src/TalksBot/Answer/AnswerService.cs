using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Conversations;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Observability;
using TalksBot.Questions;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The one answering service every front end uses: retrieve passages, have the configured engine
/// (<see cref="IAnswerEngine"/>) answer from them, and write down what was asked and answered.
/// </summary>
public sealed partial class AnswerService(
    Searcher searcher,
    KnowledgeBase knowledge,
    IAnswerEngine engine,
    IOptions<AnswerOptions> options,
    ILogger<AnswerService> logger,
    IConversationStore conversations,
    IQuestionLog log,
    TalksBotMetrics metrics,
    Faults faults,
    TimeProvider time)
{
    /// <param name="conversationId">Where the question was asked (a chat, a channel); follow-up questions are read in its light.</param>
    /// <param name="asker">Who asked, for the questions log (the console when not given).</param>
    public async Task<Answer> AskAsync(string question, string? conversationId = null, Asker? asker = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var language = LanguageDetector.Detect(question ?? "");
        if (string.IsNullOrWhiteSpace(question)) return Failed(question ?? "", language, AnswerTexts.EmptyQuestion(language));
        if (question.Length > o.MaxQuestionChars) return Failed(question, language, AnswerTexts.TooLong(language, o.MaxQuestionChars));

        var total = Stopwatch.StartNew();
        var previous = conversationId is null ? null : FollowUp.Context(question,
            await faults.ContainAsync("conversations", () => conversations.RecentAsync(conversationId, cancellationToken), [])); // unreadable: the question is read alone
        // A follow-up is asked together with the question it leans on.
        var asked = previous is null ? question : $"{previous.Question} {question}";
        var found = await searcher.SearchAsync(asked, o.Passages, cancellationToken);
        var searchMs = total.Elapsed.TotalMilliseconds;
        // The engine reads the snapshot the hits came from: a reindex in between must not pair one snapshot's hits with another's sentences.
        var index = found.Index ?? await knowledge.GetAsync(cancellationToken);

        var (draft, answeredBy, fellBack) = await engine.AnswerAsync(
            new EngineRequest(index, question, asked, language, found.Hits, previous, found.Language == language ? found.Words : null, asked == question ? found.Vector : null), cancellationToken);
        var timings = new Dictionary<string, double>
        {
            ["search"] = searchMs, ["answer"] = total.Elapsed.TotalMilliseconds - searchMs, ["total"] = total.Elapsed.TotalMilliseconds,
        };
        var now = time.GetUtcNow().UtcDateTime;
        // The answer stands whether or not it can be written down: a full disk costs the follow-up and the log line, not the answer.
        if (conversationId is not null)
            await faults.ContainAsync("conversations", () => conversations.AppendAsync(conversationId, new ConversationTurn(asked, draft.Text, draft.Refused, now), CancellationToken.None));
        asker ??= Asker.Console;
        LogAnswered(logger, asker.FrontEnd, timings["total"], answeredBy, draft.Refused, draft.Citations.Select(c => c.Source).Distinct().Count());
        var key = QuestionRecord.NewKey();
        if (asker.Logged) metrics.Answered(asker.FrontEnd, engine.Name, draft.Refused, timings["total"], fellBack);
        var logged = asker.Logged && faults.Contain("questions log", () => log.Record(new QuestionRecord
        {
            Key = key, At = now, FrontEnd = asker.FrontEnd, Question = question, Language = language, Answer = draft.Text, Refused = draft.Refused,
            Sources = [.. draft.Citations.Select(c => c.Source).Distinct()], Citations = [.. draft.Citations.Select(c => new LoggedCitation(c.N, c.Source, c.Quote))],
            LatencyMs = timings["total"], Engine = answeredBy,
        }, asker.UserId));
        return new Answer(question, language, draft.Text, draft.Refused, draft.Support, draft.Citations, found.Hits, answeredBy, timings)
        {
            Key = logged ? key : null, Why = draft.Why, Confidence = draft.Reading?.Probability, Features = draft.Reading?.Features,
        };
    }

    static Answer Failed(string question, string language, string error) =>
        new(question, language, "", false, 0, [], [], "none", new Dictionary<string, double>(), error);

    // One line per question for operators: never the question's text, nor anything secret.
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered for {FrontEnd} in {LatencyMs:0} ms by {Engine}: refused {Refused}, {Sources} sources")]
    static partial void LogAnswered(ILogger logger, string frontEnd, double latencyMs, string engine, bool refused, int sources);
}
