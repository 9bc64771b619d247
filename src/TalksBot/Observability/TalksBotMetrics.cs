using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TalksBot.Observability;

/// <summary>The bot's own metrics (meter "TalksBot"), exported by `serve` at /metrics in Prometheus format.</summary>
public sealed class TalksBotMetrics
{
    public const string MeterName = "TalksBot";
    readonly Counter<long> questions;
    readonly Counter<long> refusals;
    readonly Counter<long> fallbacks;
    readonly Counter<long> reindexRuns;
    readonly Histogram<double> latency;
    readonly Counter<long> faults;
    readonly Counter<long> feedback;

    public TalksBotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        questions = meter.CreateCounter<long>("talksbot.questions", description: "Questions answered, by front end, engine and whether refused");
        refusals = meter.CreateCounter<long>("talksbot.refusals", description: "Questions the texts did not answer");
        fallbacks = meter.CreateCounter<long>("talksbot.llm.fallbacks", description: "Answers the offline engine gave because the LLM endpoint failed");
        reindexRuns = meter.CreateCounter<long>("talksbot.reindex.runs", description: "Reindex runs, by outcome");
        faults = meter.CreateCounter<long>("talksbot.faults", description: "Failures contained where they happened (storage, reindex), by area");
        feedback = meter.CreateCounter<long>("talksbot.feedback", description: "Votes on answers (a changed vote counts again), by front end and vote");
        meter.CreateObservableGauge("talksbot.feedback.unhelpful_share", () => UnhelpfulShare,
            description: "Share of the answers rated in the last 30 days that someone marked unhelpful");
        latency = meter.CreateHistogram<double>("talksbot.answer.latency", unit: "ms", description: "Time to answer a question");
    }

    public void Answered(string frontEnd, string engine, bool refused, double milliseconds, bool fellBack)
    {
        var tags = new TagList { { "front_end", frontEnd }, { "engine", fellBack ? "extractive-fallback" : engine }, { "refused", refused } };
        questions.Add(1, tags);
        latency.Record(milliseconds, new KeyValuePair<string, object?>("front_end", frontEnd));
        if (refused) refusals.Add(1, new KeyValuePair<string, object?>("front_end", frontEnd));
        if (fellBack) fallbacks.Add(1);
    }

    /// <summary>Set from the questions log (see FeedbackService), so it is the same on every replica.</summary>
    public double UnhelpfulShare { get; set; }

    public void Voted(string frontEnd, bool helpful) =>
        feedback.Add(1, new TagList { { "front_end", frontEnd }, { "vote", helpful ? "helpful" : "unhelpful" } });

    public void Fault(string area) => faults.Add(1, new KeyValuePair<string, object?>("area", area));

    public void Reindexed(string outcome) => reindexRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
