using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using TalksBot.Fakes;

namespace TalksBot.Bench;

/// <summary>
/// `faults kill` and `faults diskfull`: `serve` (its own process, Telegram webhook mode, the fake Bot
/// API server) under the two faults an operator fears most for acknowledged updates. Each prints how
/// many acknowledged updates were answered once, not at all, or twice.
/// </summary>
public static class FaultsBenchmark
{
    const string Secret = "faults-webhook-secret";

    static Dictionary<string, string> Environment(string seeds, string database, FakeTelegramServer server) => new()
    {
        ["TALKSBOT__SEEDS__PATH"] = seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
        ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:FAULTS-token", ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url,
        ["TALKSBOT__TELEGRAM__MODE"] = "webhook", ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = Secret,
        ["TALKSBOT__TELEGRAM__QUESTIONSPERUSERPERMINUTE"] = "1000",
    };

    static string Update(int id) =>
        new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(1_000 + id, "Who is Rustem Umerov?", userId: 1_000 + id, messageId: id) }.ToJsonString();

    static async Task<HttpStatusCode> PostAsync(HttpClient http, string url, int id)
    {
        using var request = FakeTelegramServer.WebhookPost(url, Update(id), Secret);
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable; // the process is gone: Telegram delivers again later
        }
    }

    /// <summary>Each round starts `serve`, posts updates and SIGKILLs it the moment the last 200 is back; a last process answers what is left.</summary>
    public static async Task KillAsync(string seeds, int rounds, int perRound)
    {
        var work = Directory.CreateTempSubdirectory("talksbot-faults-").FullName;
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            var environment = Environment(seeds, Path.Combine(work, "data", "talksbot.db"), server);
            using var http = new HttpClient();
            var acknowledged = new List<int>();
            var watch = Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
            {
                var serve = new BotProcess(work, environment);
                var url = await serve.StartAsync();
                for (var i = 1; i <= perRound; i++)
                {
                    var id = round * perRound + i;
                    if (await PostAsync(http, url, id) == HttpStatusCode.OK) acknowledged.Add(id);
                }
                serve.Kill();
                Console.Error.WriteLine($"round {round + 1}: {acknowledged.Count} acknowledged, {server.Sent.Count} answers so far");
            }
            var answeredBeforeLast = server.Sent.Count;
            var last = new BotProcess(work, environment);
            var lastUrl = await last.StartAsync();
            var (once, missing, twice) = await CountAsync(server, http, lastUrl, acknowledged);
            await last.StopAsync();
            Console.WriteLine($"SIGKILL right after webhook 200s: {rounds} rounds of {perRound} updates, {System.Environment.ProcessorCount} cores, {watch.Elapsed.TotalSeconds:0} s");
            Console.WriteLine("| figure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| updates acknowledged (200) before a kill | {acknowledged.Count} of {rounds * perRound} |");
            Console.WriteLine($"| answers sent before the kills / by the last process | {answeredBeforeLast} / {server.Sent.Count(m => Reply(m) < Later) - answeredBeforeLast} |");
            Console.WriteLine($"| answered once / not answered / answered twice | {once} / {missing} / {twice} |");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The database on a small tmpfs (root only: it mounts one); updates posted at a steady rate, each
    /// posted again a second later while it is refused, as Telegram does; a third of the way in the
    /// file system is filled, and emptied again ten seconds later.
    /// </summary>
    public static async Task DiskFullAsync(string seeds, int updates, int perSecond)
    {
        if (System.Environment.UserName != "root")
        {
            Console.Error.WriteLine("faults diskfull mounts a small tmpfs and needs root.");
            return;
        }
        var work = Directory.CreateTempSubdirectory("talksbot-faults-").FullName;
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", data);
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            var serve = new BotProcess(work, Environment(seeds, Path.Combine(data, "talksbot.db"), server));
            var url = await serve.StartAsync();
            using var http = new HttpClient();
            var refused = 0;
            var acknowledged = new ConcurrentBag<int>();
            var health = new List<string>(); // while full (from the filling task), then at the end, one after the other
            var filler = Path.Combine(data, "filler");
            var watch = Stopwatch.StartNew();
            var posts = new List<Task>();
            var full = TimeSpan.FromSeconds(updates / (double)perSecond / 3);
            var freed = full + TimeSpan.FromSeconds(10);
            var fill = Task.Run(async () =>
            {
                await Task.Delay(full);
                Fill(filler);
                Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds:0} s: disk full");
                await Task.Delay(freed - full);
                health.Add(await http.GetStringAsync(url + "/healthz"));
                File.Delete(filler);
                Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds:0} s: space back");
            });
            for (var id = 1; id <= updates; id++)
            {
                var due = TimeSpan.FromSeconds(id / (double)perSecond);
                if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed);
                var update = id;
                posts.Add(Task.Run(async () =>
                {
                    while (await PostAsync(http, Volatile.Read(ref url), update) != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(1000);
                    }
                    acknowledged.Add(update);
                }));
            }
            await fill;
            // LiteDB refuses every call once a write has failed, even with room again; serve then stops
            // itself (exit code 75) for the service manager to start it again, as this run does.
            var restarted = -1;
            var stoppedAt = TimeSpan.Zero;
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                try { restarted = await serve.WaitForExitAsync(wait.Token); }
                catch (OperationCanceledException) { }
            if (restarted >= 0)
            {
                stoppedAt = watch.Elapsed;
                Console.Error.WriteLine($"{stoppedAt.TotalSeconds:0} s: serve stopped itself (exit code {restarted}); started again");
                serve = new BotProcess(work, Environment(seeds, Path.Combine(data, "talksbot.db"), server));
                Volatile.Write(ref url, await serve.StartAsync());
            }
            await Task.WhenAll(posts);
            var (once, missing, twice) = await CountAsync(server, http, url, [.. acknowledged]);
            health.Add(await http.GetStringAsync(url + "/healthz"));
            var (exit, _) = await serve.StopAsync();
            Console.WriteLine($"Disk full mid-flood: {updates} updates at {perSecond}/s, the 32 MB file system filled from {full.TotalSeconds:0} s to {freed.TotalSeconds:0} s, {System.Environment.ProcessorCount} cores");
            Console.WriteLine("| figure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| updates acknowledged (200) | {acknowledged.Count} of {updates} |");
            Console.WriteLine($"| posts answered 503 or not taken (posted again a second later) | {refused} |");
            Console.WriteLine($"| serve stopped itself for a restart after the space came back | {(restarted >= 0 ? $"yes, at {stoppedAt.TotalSeconds:0} s, exit code {restarted}" : "no")} |");
            Console.WriteLine($"| answered once / not answered / answered twice | {once} / {missing} / {twice} |");
            Console.WriteLine($"| /healthz while full / at the end | {string.Join(" / ", health.Select(h => h.Replace("\n", " ")))} |");
            Console.WriteLine($"| error log lines / warnings | {serve.Errors.Count} / {serve.WarningTexts.Count} |");
            Console.WriteLine($"| SIGTERM at the end: exit code | {exit} |");
            foreach (var line in serve.Errors.Take(5)) Console.WriteLine("error: " + line);
        }
        finally
        {
            await RunAsync("umount", data);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Writes until the file system has no room left.</summary>
    static void Fill(string path)
    {
        using var stream = File.Create(path);
        var block = new byte[64 * 1024];
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException) { }
    }

    /// <summary>
    /// Waits for an answer to every acknowledged update, then posts one more in each of their chats:
    /// a chat is answered in order, so once those are answered, a second answer to an earlier update
    /// would have come before them.
    /// </summary>
    static async Task<(int Once, int Missing, int Twice)> CountAsync(FakeTelegramServer server, HttpClient http, string url, List<int> acknowledged)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        int Answered() => server.Sent.Select(Reply).Distinct().Count(acknowledged.Contains);
        while (Answered() < acknowledged.Count && DateTime.UtcNow < until) await Task.Delay(200);
        foreach (var id in acknowledged)
        {
            var later = new JsonObject { ["update_id"] = Later + id, ["message"] = FakeTelegramServer.Text(1_000 + id, "/help", userId: 1_000 + id, messageId: Later + id) }.ToJsonString();
            using var request = FakeTelegramServer.WebhookPost(url, later, Secret);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }
        while (server.Sent.Select(Reply).Count(id => id > Later) < acknowledged.Count && DateTime.UtcNow < until) await Task.Delay(200);
        var counts = server.Sent.GroupBy(Reply).ToDictionary(g => g.Key, g => g.Count());
        return (acknowledged.Count(id => counts.GetValueOrDefault(id) == 1), acknowledged.Count(id => !counts.ContainsKey(id)), acknowledged.Count(id => counts.GetValueOrDefault(id) > 1));
    }

    const int Later = 1_000_000;

    static int Reply(JsonObject sent) => sent["reply_parameters"]!["message_id"]!.GetValue<int>();

    static async Task RunAsync(string file, params string[] args)
    {
        using var run = Process.Start(new ProcessStartInfo(file, args))!;
        await run.WaitForExitAsync();
        if (run.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({run.ExitCode})");
    }
}
