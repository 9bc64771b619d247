using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using TalksBot.Cli;
using TalksBot.Fakes;

namespace TalksBot.Bench;

/// <summary>
/// `telegram`: questions from many chats posted to the running webhook, answered by the offline
/// engine and sent to a fake Bot API server. (a) with Telegram's limits kept by the bot and
/// enforced by the server; (b) with the limits lifted, to measure the pipeline itself.
/// </summary>
public static class TelegramLoadBenchmark
{
    const string Secret = "benchmark-webhook-secret";

    /// <returns>Issue #15's target, as this run met it.</returns>
    public static async Task<List<Target>> RunAsync(string seeds, string devSet, int questions)
    {
        var texts = DevSet.Load(devSet).Select(q => q.Question).ToList();
        Console.WriteLine($"Telegram load: {questions} questions from {questions} chats through the webhook on 40 connections (Telegram's default), offline engine, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | answered once | 429s | send rate | answers/s | update → sendMessage p50 / p99 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await RunOnceAsync("(a) Telegram's limits", seeds, texts, questions, limits: true);
        var lifted = await RunOnceAsync("(b) limits lifted", seeds, texts, questions, limits: false);
        List<Target> targets = [new("webhook at least 1,000 answers/s with the limits lifted (over 30x Telegram's global limit)", $"{lifted:0} answers/s", "none", lifted >= 1000)];
        Target.Print("Target (issue #15, this machine):", targets);
        return targets;
    }

    /// <returns>Answers per second.</returns>
    static async Task<double> RunOnceAsync(string name, string seeds, List<string> texts, int count, bool limits)
    {
        await using var server = await FakeTelegramServer.StartAsync();
        server.EnforceLimits = limits;
        var database = Path.Combine(Path.GetTempPath(), $"talksbot-telegram-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["Seeds:Path"] = seeds, ["Index:DatabasePath"] = database, ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Telegram:Token"] = "123456:BENCH", ["Telegram:ApiBaseUrl"] = server.Url, ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = Secret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (!limits)
            foreach (var key in new[] { "ChatMessagesPerSecond", "GroupMessagesPerMinute", "MessagesPerSecond" }) settings["Telegram:" + key] = "0";
        await using var app = ServeHost.Build(settings);
        await ServeHost.StartAsync(app, CancellationToken.None);
        var url = app.Urls.First();

        using var http = new HttpClient();
        var posted = new ConcurrentDictionary<long, DateTime>();
        var watch = Stopwatch.StartNew();
        // As many connections at once as Telegram opens to a webhook by default (setWebhook's max_connections, 40).
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 40 }, async (i, ct) =>
        {
            var update = new JsonObject { ["update_id"] = i, ["message"] = FakeTelegramServer.Text(i, texts[i % texts.Count], userId: i, messageId: i) };
            using var request = FakeTelegramServer.WebhookPost(url, update.ToJsonString(), Secret);
            posted[i] = DateTime.UtcNow;
            (await http.SendAsync(request, ct)).EnsureSuccessStatusCode();
        });
        await server.WaitForSentAsync(count, seconds: 300);
        var elapsed = watch.Elapsed.TotalSeconds;
        await Task.Delay(1000); // anything sent twice would arrive by now

        var deliveries = server.Deliveries.ToList();
        var once = deliveries.GroupBy(d => d.Chat).Count(g => g.Count() == 1);
        var span = (deliveries.Max(d => d.At) - deliveries.Min(d => d.At)).TotalSeconds;
        var latencies = deliveries.Select(d => (d.At - posted[d.Chat]).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"| {name} | {once}/{count} | {server.LimitRejections} | {deliveries.Count / span:0.0} msg/s | {count / elapsed:0} | " +
            $"{latencies[latencies.Count / 2]:0} / {latencies[(int)(latencies.Count * 0.99)]:0} ms |");
        await app.StopAsync(); // as `serve` stops: background services end cleanly, not by disposal
        foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(database) + "*")) File.Delete(f);
        return count / elapsed;
    }
}
