using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TalksBot.Fakes;

namespace TalksBot.Bench;

/// <summary>
/// `replicas`: a real PostgreSQL and 3 `serve` processes on loopback (Telegram webhook mode, the fake
/// Bot API server enforcing Telegram's limits), then the same run with 1. Updates go out round-robin,
/// as a proxy would spread them, at a steady rate; every 50th is delivered again to another replica; one
/// replica is SIGKILLed and started again mid-run, and a full reindex is started on another. A delivery
/// that fails (the replica is down) goes to the next replica, as nginx's proxy_next_upstream does.
/// </summary>
public static partial class ReplicasBenchmark
{
    const string Secret = "replicas-webhook-secret";
    const string AdminToken = "replicas-admin-token-0123456789";

    sealed record Run(int Replicas, int Updates, int Once, int Missing, int Twice, int PeakPerSecond, int PeakChatPerSecond, int Rejections, double AnswersPerSecond, double P50, double P99, string Events);

    public static async Task RunAsync(string seeds, string devSet, int updates, int rate)
    {
        var questions = DevSet.Load(devSet).Select(q => q.Question).ToList();
        var many = await RunOnceAsync(seeds, questions, 3, updates, rate);
        var one = await RunOnceAsync(seeds, questions, 1, updates, rate);
        Console.WriteLine($"\n## Replicas on PostgreSQL: {updates:N0} webhook updates at {(rate > 0 ? $"{rate}/s" : "full speed, limits lifted")}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| | 3 replicas | 1 replica | ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| answered once / not answered / answered twice | {many.Once} / {many.Missing} / {many.Twice} | {one.Once} / {one.Missing} / {one.Twice} | |");
        Console.WriteLine($"| peak sends in any second (all chats / one chat) | {many.PeakPerSecond} / {many.PeakChatPerSecond} | {one.PeakPerSecond} / {one.PeakChatPerSecond} | |");
        Console.WriteLine($"| sends refused by the Bot API's limits (429) | {many.Rejections} | {one.Rejections} | |");
        Console.WriteLine($"| answers/s | {many.AnswersPerSecond:0.0} | {one.AnswersPerSecond:0.0} | {many.AnswersPerSecond / one.AnswersPerSecond:0.00}x |");
        Console.WriteLine($"| delivery to answer p50 | {many.P50:0} ms | {one.P50:0} ms | {many.P50 / one.P50:0.00}x |");
        Console.WriteLine($"| delivery to answer p99 | {many.P99:0} ms | {one.P99:0} ms | {many.P99 / one.P99:0.00}x |");
        Console.WriteLine($"| during the run | {many.Events} | {one.Events} | |");
    }

    static async Task<Run> RunOnceAsync(string seeds, List<string> questions, int replicas, int updates, int rate)
    {
        var work = Directory.CreateTempSubdirectory("talksbot-replicas-").FullName;
        await using var postgres = await PostgresServer.StartAsync();
        await using var server = await FakeTelegramServer.StartAsync();
        server.EnforceLimits = rate > 0;
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__STORAGE__PROVIDER"] = "postgres", ["TALKSBOT__CONNECTIONSTRINGS__POSTGRES"] = await postgres.CreateDatabaseAsync(),
            ["TALKSBOT__SEEDS__PATH"] = seeds, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0", ["TALKSBOT__ADMIN__TOKEN"] = AdminToken,
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:REPLICAS-token", ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url,
            ["TALKSBOT__TELEGRAM__MODE"] = "webhook", ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = Secret,
            ["TALKSBOT__TELEGRAM__QUESTIONSPERUSERPERMINUTE"] = "1000", ["TALKSBOT__TELEGRAM__CLAIMLEASESECONDS"] = "10",
        };
        if (rate <= 0)
            foreach (var limit in new[] { "MESSAGESPERSECOND", "CHATMESSAGESPERSECOND", "GROUPMESSAGESPERMINUTE" }) environment[$"TALKSBOT__TELEGRAM__{limit}"] = "0";
        var processes = new BotProcess[replicas];
        var urls = new string[replicas];
        var events = new ConcurrentQueue<string>();
        try
        {
            for (var i = 0; i < replicas; i++)
            {
                processes[i] = new BotProcess(work, environment);
                urls[i] = await processes[i].StartAsync();
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var delivered = new ConcurrentDictionary<int, DateTime>();
            var started = DateTime.UtcNow;
            var watch = Stopwatch.StartNew();
            var pending = new List<Task>();
            for (var id = 1; id <= updates; id++)
            {
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds((id - 1) / (double)rate);
                    if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed);
                }
                var update = Update(id, questions[id % questions.Count]);
                var target = id % replicas;
                var first = id;
                pending.Add(Task.Run(async () =>
                {
                    await DeliverAsync(http, urls, target, update);
                    delivered.TryAdd(first, DateTime.UtcNow);
                    if (first % 50 == 0) await DeliverAsync(http, urls, target + 1, update); // Telegram's retry, to another replica
                }));
                if (replicas > 1 && id == updates * 2 / 5)
                {
                    processes[0].Kill();
                    events.Enqueue($"replica 1 SIGKILLed at update {id}");
                    pending.Add(RestartAsync(processes, urls, 0, work, environment, events));
                }
                if (id == updates * 3 / 5)
                    pending.Add(ReindexAsync(urls[replicas - 1], events, id));
                pending.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(pending);
            var answered = await WaitForAnswersAsync(server, updates);
            // From the first delivery to the last answer (the wait for late second answers left out).
            var elapsed = (server.Deliveries.Max(d => d.At) - started).TotalSeconds;

            var replies = server.Deliveries.Where(d => d.ReplyTo is not null).GroupBy(d => d.ReplyTo!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var once = Enumerable.Range(1, updates).Count(i => replies.TryGetValue(i, out var r) && r.Count == 1);
            var missing = Enumerable.Range(1, updates).Count(i => !replies.ContainsKey(i));
            var twice = Enumerable.Range(1, updates).Count(i => replies.TryGetValue(i, out var r) && r.Count > 1);
            var latencies = replies.Where(r => delivered.ContainsKey(r.Key))
                .Select(r => Math.Max(0, (r.Value.Min(d => d.At) - delivered[r.Key]).TotalMilliseconds)).Order().ToList();
            var all = server.Deliveries.Select(d => d.At).Order().ToList();
            var perChat = server.Deliveries.GroupBy(d => d.Chat).Select(g => Peak([.. g.Select(d => d.At).Order()])).DefaultIfEmpty(0).Max();
            Console.Error.WriteLine($"{replicas} replica(s): {answered} of {updates} answered in {elapsed:0} s");
            return new Run(replicas, updates, once, missing, twice, Peak(all), perChat, server.LimitRejections,
                answered / elapsed, Measure.Percentile(latencies, 0.5), Measure.Percentile(latencies, 0.99), events.IsEmpty ? "—" : string.Join("; ", events));
        }
        finally
        {
            foreach (var p in processes) p?.Kill();
            Directory.Delete(work, recursive: true);
        }
    }

    static string Update(int id, string question) => new JsonObject
    {
        ["update_id"] = id, ["message"] = FakeTelegramServer.Text(10_000 + id % 500, question, userId: 100_000 + id, messageId: id),
    }.ToJsonString();

    /// <summary>Tries the replicas in turn from <paramref name="first"/> until one acknowledges, as a proxy passes a failed request on.</summary>
    static async Task DeliverAsync(HttpClient http, string[] urls, int first, string update)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = FakeTelegramServer.WebhookPost(urls[(first + attempt) % urls.Length], update, Secret);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // that replica is down
            if (attempt >= urls.Length) await Task.Delay(200);
        }
    }

    static async Task RestartAsync(BotProcess[] processes, string[] urls, int index, string work, Dictionary<string, string> environment, ConcurrentQueue<string> events)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var watch = Stopwatch.StartNew();
        processes[index] = new BotProcess(work, environment);
        urls[index] = await processes[index].StartAsync();
        events.Enqueue($"started again in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [GeneratedRegex("name=\"csrf\" content=\"([0-9a-f]+)\"")]
    private static partial Regex CsrfMeta();

    /// <summary>Signs in to one replica's admin console and starts a full reindex there, as an operator would.</summary>
    static async Task ReindexAsync(string url, ConcurrentQueue<string> events, int at)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var admin = new HttpClient(handler) { BaseAddress = new Uri(url) };
        (await admin.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", AdminToken)]))).EnsureSuccessStatusCode();
        var csrf = CsrfMeta().Match(await admin.GetStringAsync("/admin")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/reindex?full=true");
        request.Headers.Add("X-CSRF-Token", csrf);
        var response = await admin.SendAsync(request);
        events.Enqueue($"full reindex started at update {at} ({(int)response.StatusCode})");
    }

    /// <summary>Waits until every update has a reply, or nothing new has come for 60 s; how many have one.</summary>
    static async Task<int> WaitForAnswersAsync(FakeTelegramServer server, int updates)
    {
        int Answered() => server.Deliveries.Where(d => d.ReplyTo is not null).Select(d => d.ReplyTo).Distinct().Count();
        var (last, since) = (Answered(), Stopwatch.StartNew());
        while (last < updates && since.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            if (Answered() is var now && now != last) (last, since) = (now, Stopwatch.StartNew());
        }
        // Anything still on its way (a second answer from a takeover) comes within a lease.
        await Task.Delay(TimeSpan.FromSeconds(12));
        return Answered();
    }

    /// <summary>The most events in any one-second window.</summary>
    static int Peak(List<DateTime> times)
    {
        var peak = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1)) start++;
            peak = Math.Max(peak, end - start + 1);
        }
        return peak;
    }
}
