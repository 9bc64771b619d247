using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TalksBot.Fakes;

namespace TalksBot.Bench;

/// <summary>One LLM phase of a soak run: what /metrics counted while it lasted, and how long people waited.</summary>
public sealed record SoakPhase(string Name, long Answered, long ByLlm, long ByFallback, long Refused, double AnswerMeanMs, double P50Ms, double P99Ms, double RssMb, double? LiveHeapMb);

public sealed record SoakReport(
    int Posted, int Replayed, int WebhookErrors, int AnsweredOnce, int Missing, int AnsweredTwice,
    int TelegramFaults, int LimitRejections, int AnswerLogLines, int LeakedLines, int LlmRecoveries, IReadOnlyList<string> ErrorLines, IReadOnlyList<string> Warnings,
    double RssStartMb, double RssWarmMb, double RssEndMb, double RssPeakMb, double? LiveHeapStartMb, double? LiveHeapEndMb,
    double Seconds, int ExitCode, double StopSeconds, IReadOnlyList<SoakPhase> Phases);

/// <summary>
/// `serve` in its own process, as an operator runs it, with Telegram (webhook) and the openai engine
/// pointed at local fakes: questions posted at a steady rate from many chats (a few posted twice, as
/// Telegram redelivers), while <see cref="SoakFaults"/> breaks the LLM endpoint and Telegram. Every
/// question must be answered once; the process's memory is sampled throughout.
/// </summary>
public static class SoakRun
{
    const string Secret = "soak-webhook-secret";
    const string Token = "123456:SOAK-token";
    const int Chats = 700;
    const int ReplayEvery = 97;

    /// <param name="liveHeap">Measure the live heap at each phase with dotnet-gcdump (when installed); each measure forces a full collection.</param>
    public static async Task<SoakReport> RunAsync(string seeds, IReadOnlyList<string> texts, int count, double perSecond,
        int timeoutSeconds, int breakSeconds, bool liveHeap = false, TextWriter? progress = null)
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        telegram.EnforceLimits = true;
        await using var llm = await FakeOpenAIServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("talksbot-soak-").FullName;
        var bot = new BotProcess(work, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = Path.GetFullPath(seeds), ["TALKSBOT__INDEX__DATABASEPATH"] = Path.Combine(work, "talksbot.db"),
            ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0", ["TALKSBOT__TELEGRAM__TOKEN"] = Token, ["TALKSBOT__TELEGRAM__APIBASEURL"] = telegram.Url,
            ["TALKSBOT__TELEGRAM__MODE"] = "webhook", ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = Secret,
            ["TALKSBOT__ANSWER__ENGINE"] = "openai", ["TALKSBOT__OPENAI__ENDPOINT"] = llm.Endpoint, ["TALKSBOT__OPENAI__MODEL"] = "soak-model",
            ["TALKSBOT__OPENAI__TIMEOUTSECONDS"] = timeoutSeconds.ToString(), ["TALKSBOT__OPENAI__BREAKSECONDS"] = breakSeconds.ToString(),
        });
        try
        {
            var url = await bot.StartAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var rssStart = bot.RssMb();
            async Task<double?> LiveHeapAsync() => liveHeap ? await bot.LiveHeapMbAsync() : null;
            var heapStart = await LiveHeapAsync();
            var duration = TimeSpan.FromSeconds(count / perSecond);
            progress?.WriteLine($"serve started ({rssStart:0} MB); posting {count} questions at {perSecond}/s for {duration.TotalSeconds:0} s");

            var snapshots = new List<Snapshot>();
            var faults = new SoakFaults(llm, telegram, duration, timeoutSeconds);
            var timeline = faults.RunAsync(async name =>
            {
                var rss = bot.RssMb();
                snapshots.Add(new Snapshot(name, DateTime.UtcNow, await CountsAsync(http, url), rss, await LiveHeapAsync()));
                progress?.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {name}: RSS {rss:0} MB, {telegram.Sent.Count} sent");
            }, CancellationToken.None);

            var posted = new ConcurrentDictionary<int, DateTime>();
            var webhookErrors = 0;
            var replayed = 0;
            var rssWarm = 0.0;
            var sends = new List<Task>();
            var watch = Stopwatch.StartNew();
            for (var i = 1; i <= count; i++)
            {
                var due = TimeSpan.FromSeconds((i - 1) / perSecond) - watch.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                var update = new JsonObject { ["update_id"] = i, ["message"] = FakeTelegramServer.Text(1 + i % Chats, texts[i % texts.Count], userId: 1 + i % Chats, messageId: i) };
                posted[i] = DateTime.UtcNow;
                sends.Add(PostAsync(update.ToJsonString()));
                if (i % ReplayEvery == 0) { replayed++; sends.Add(Task.Delay(1000).ContinueWith(_ => PostAsync(update.ToJsonString())).Unwrap()); }
                if (i == count / 10) rssWarm = bot.RssMb();
            }
            await Task.WhenAll(sends);
            await timeline;
            await WaitForAnswersAsync(telegram, count, TimeSpan.FromMinutes(5));
            var seconds = watch.Elapsed.TotalSeconds;
            await Task.Delay(3000); // a second answer to anything would arrive by now
            var rssEnd = bot.RssMb();
            var heapEnd = await LiveHeapAsync();
            snapshots.Add(new Snapshot("final", DateTime.UtcNow, await CountsAsync(http, url), rssEnd, heapEnd));
            var (exit, stopSeconds) = await bot.StopAsync();

            var replies = telegram.Deliveries.Where(d => d.ReplyTo is not null).GroupBy(d => d.ReplyTo!.Value).ToList();
            var firsts = replies.ToDictionary(g => g.Key, g => g.Count());
            var delivered = replies.ToDictionary(g => g.Key, g => g.Min(d => d.At));
            return new SoakReport(
                count, replayed, webhookErrors, firsts.Count(f => f.Value == 1), count - firsts.Count, firsts.Count(f => f.Value > 1),
                telegram.OutageRejections, telegram.LimitRejections, bot.Lines("Answered for telegram"),
                new[] { Token, Secret }.Concat(texts.Distinct()).Sum(bot.Lines), bot.Lines("The LLM endpoint answers again"), [.. bot.Errors], [.. bot.WarningTexts],
                rssStart, rssWarm, rssEnd, bot.PeakRssMb, heapStart, heapEnd, seconds, exit, stopSeconds,
                Phases(snapshots, posted, delivered));

            async Task PostAsync(string body)
            {
                using var request = FakeTelegramServer.WebhookPost(url, body, Secret);
                try
                {
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref webhookErrors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref webhookErrors);
                }
            }
        }
        finally
        {
            bot.Kill();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>What the process looked like as a phase began.</summary>
    sealed record Snapshot(string Name, DateTime At, Dictionary<string, long> Counts, double RssMb, double? LiveHeapMb);

    static List<SoakPhase> Phases(List<Snapshot> snapshots, ConcurrentDictionary<int, DateTime> posted, Dictionary<int, DateTime> delivered)
    {
        var phases = new List<SoakPhase>();
        for (var i = 0; i + 1 < snapshots.Count; i++)
        {
            var (name, from, counts, rss, heap) = snapshots[i];
            var (_, to, next, _, _) = snapshots[i + 1];
            long Delta(string key) => next.GetValueOrDefault(key) - counts.GetValueOrDefault(key);
            var waits = posted.Where(p => p.Value >= from && p.Value < to && delivered.ContainsKey(p.Key))
                .Select(p => (delivered[p.Key] - p.Value).TotalMilliseconds).Order().ToList();
            var answerMs = Delta("answered") == 0 ? 0 : (double)Delta("latency-sum-us") / 1000 / Delta("answered");
            phases.Add(new SoakPhase(name, Delta("all"), Delta("openai"), Delta("extractive-fallback"), Delta("refused"), answerMs,
                waits.Count == 0 ? 0 : waits[waits.Count / 2], waits.Count == 0 ? 0 : waits[Math.Min(waits.Count - 1, (int)(waits.Count * 0.99))], rss, heap));
        }
        return phases;
    }

    /// <summary>talksbot_questions_total from /metrics, summed by engine and by refusal, and the answer latency histogram's sum and count.</summary>
    static async Task<Dictionary<string, long>> CountsAsync(HttpClient http, string url)
    {
        var counts = new Dictionary<string, long>();
        var text = await http.GetStringAsync(url + "/metrics");
        foreach (Match m in Regex.Matches(text, @"(?m)^talksbot_answer_latency_milliseconds_(sum|count)\{[^}]*\} (\S+)"))
        {
            var value = double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var key = m.Groups[1].Value == "sum" ? "latency-sum-us" : "answered";
            counts[key] = counts.GetValueOrDefault(key) + (long)(m.Groups[1].Value == "sum" ? value * 1000 : value);
        }
        foreach (Match m in Regex.Matches(text, @"(?m)^talksbot_questions_total\{([^}]*)\} (\d+)"))
        {
            var value = long.Parse(m.Groups[2].Value);
            var engine = Regex.Match(m.Groups[1].Value, @"engine=""([^""]*)""").Groups[1].Value;
            counts[engine] = counts.GetValueOrDefault(engine) + value;
            counts["all"] = counts.GetValueOrDefault("all") + value;
            if (m.Groups[1].Value.Contains("refused=\"true\"")) counts["refused"] = counts.GetValueOrDefault("refused") + value;
        }
        return counts;
    }

    static async Task WaitForAnswersAsync(FakeTelegramServer telegram, int count, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && telegram.Deliveries.Count(d => d.ReplyTo is not null) < count) await Task.Delay(500);
    }
}
