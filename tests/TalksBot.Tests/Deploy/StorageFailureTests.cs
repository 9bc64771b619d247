using System.Net;
using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Fakes;
using TalksBot.Tests.Telegram;

namespace TalksBot.Tests.Deploy;

/// <summary>
/// The store failing under a running serve (its LiteDB closed under it, as a dead disk would leave it):
/// each failure is contained where it happens, counted, and shown by /healthz; updates it cannot keep
/// are refused with 503 (Telegram delivers them again); the process and its other parts carry on, until
/// the watchdog finds the disk has room and the database still refuses writes, and stops it for a restart.
/// </summary>
public class StorageFailureTests
{
    [Fact]
    public async Task AFailingStoreLeavesServeRunningDegradedAndStillAnswering()
    {
        await using var bot = await TelegramApp.StartAsync(new() { ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = "s3cret-token_for-tests" });
        using var http = new HttpClient { BaseAddress = new Uri(bot.Url) };
        Assert.Contains("\"ok\"", await http.GetStringAsync("/healthz"));

        bot.App.Services.GetRequiredService<LiteDatabase>().Dispose();

        for (var id = 1; id <= 5; id++)
        {
            var update = new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: id) }.ToJsonString();
            using var request = FakeTelegramServer.WebhookPost(bot.Url, update, "s3cret-token_for-tests");
            // Not acknowledged: it is not on disk, so Telegram is asked to deliver it again.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.SendAsync(request)).StatusCode);
        }
        var until = DateTime.UtcNow.AddSeconds(20);
        string health;
        while (!(health = await http.GetStringAsync("/healthz")).Contains("degraded") && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.Contains("\"degraded\"", health);
        Assert.Contains("telegram state", health);

        // Answers do not depend on writing the log or the conversation down.
        var answer = await bot.App.Services.GetRequiredService<AnswerService>().AskAsync("Who is Rustem Umerov?", "chat-after-the-failure");
        Assert.False(answer.Refused);
        Assert.Contains("conversations", await http.GetStringAsync("/healthz"));
        Assert.Contains("talksbot_faults", await http.GetStringAsync("/metrics"));

        // With room on the disk, a database that refuses every write comes back only in a new process:
        // serve stops itself for the service manager to start it again.
        var stopping = new TaskCompletionSource();
        using var _ = bot.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        Assert.Same(stopping.Task, await Task.WhenAny(stopping.Task, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.True(bot.App.Services.GetRequiredService<TalksBot.Storage.DatabaseWatchdog>().StoppedForRestart);
    }
}
