using TalksBot.Observability;
using TalksBot.Questions;

namespace TalksBot.Feedback;

/// <summary>
/// A press of a feedback button, from any front end: read what it carries, record the person's vote on
/// the answer it names, count it, and say what to tell them and how the buttons now read.
/// </summary>
public sealed class FeedbackService(IQuestionLog log, TalksBotMetrics metrics, Faults faults, TimeProvider time)
{
    /// <summary>The window the unhelpful share is read over.</summary>
    public static readonly TimeSpan ShareWindow = TimeSpan.FromDays(30);

    // Which read of the share was begun last (reads), and which of them the figure shown comes from.
    long reads, shown;
    readonly Lock shareGate = new();

    /// <param name="userId">Who pressed, as the front end names them for the questions log ("telegram:42").</param>
    public async Task<FeedbackResult> PressAsync(string frontEnd, string? data, string userId, CancellationToken cancellationToken)
    {
        if (FeedbackButton.Parse(data) is not var (key, choice)) return new(FeedbackStatus.NotOurs);
        VoteOutcome? outcome;
        try
        {
            outcome = await log.VoteAsync(key, userId, choice, frontEnd, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            faults.Report("questions log", e);
            return new(FeedbackStatus.Unavailable);
        }
        if (outcome is null) return new(FeedbackStatus.Unknown);
        if (outcome.Changed) metrics.Voted(frontEnd, outcome.Vote.Helpful);
        await RefreshShareAsync(cancellationToken);
        return new(FeedbackStatus.Noted, key, outcome, AskWhy: choice == FeedbackChoice.Unhelpful);
    }

    /// <summary>The share of the answers rated in the last 30 days that someone marked unhelpful, for /metrics; read from the log, so every replica shows the same.</summary>
    public async Task RefreshShareAsync(CancellationToken cancellationToken)
    {
        // Reads run side by side (a vote's, the minute's); one that began earlier and ends later must not put back an older figure.
        var ticket = Interlocked.Increment(ref reads);
        var recent = await faults.ContainAsync<IReadOnlyList<QuestionRecord>?>("questions log",
            async () => await log.SinceAsync(time.GetUtcNow().UtcDateTime - ShareWindow, cancellationToken), null);
        if (recent is null) return;
        var rated = recent.Count(r => r.Votes.Count > 0);
        lock (shareGate)
        {
            if (ticket < shown) return;
            shown = ticket;
            metrics.UnhelpfulShare = rated == 0 ? 0 : recent.Count(r => r.Unhelpful) / (double)rated;
        }
    }
}

public enum FeedbackStatus { Noted, Unknown, NotOurs, Unavailable }

/// <param name="AskWhy">A plain 👎: the buttons now also ask what was wrong.</param>
public sealed record FeedbackResult(FeedbackStatus Status, string? Key = null, VoteOutcome? Outcome = null, bool AskWhy = false);
