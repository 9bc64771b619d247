using System.Net;
using System.Text.Json.Nodes;
using TalksBot.Bench;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>`serve` in webhook mode killed (SIGKILL) right after acknowledging updates: each is answered once after the restart.</summary>
public class TelegramWebhookKillTests
{
    const string Secret = "s3cret-token_for-tests";

    [Fact]
    public async Task UpdatesAcknowledgedBeforeAKillAreAnsweredOnceAfterTheRestart()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var kb = new TestKnowledgeBase();
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:TEST-token", ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url,
            ["TALKSBOT__TELEGRAM__MODE"] = "webhook", ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = Secret, ["TALKSBOT__TELEGRAM__TYPINGAFTERMS"] = "0",
        };
        server.ChatActionDelay = TimeSpan.FromSeconds(60); // nothing gets answered before the kill
        using var http = new HttpClient();
        const int Rounds = 3, PerRound = 4;
        for (var round = 0; round < Rounds; round++)
        {
            var serve = new BotProcess(kb.Root, environment);
            var url = await serve.StartAsync();
            for (var i = 0; i < PerRound; i++)
            {
                var id = round * PerRound + i + 1;
                var update = new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(100 + id, "Who is Rustem Umerov?", userId: 1000 + id, messageId: id) }.ToJsonString();
                using var request = FakeTelegramServer.WebhookPost(url, update, Secret);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            }
            serve.Kill(); // SIGKILL right after the 200s
        }
        Assert.Empty(server.Sent);

        server.ChatActionDelay = TimeSpan.Zero;
        var last = new BotProcess(kb.Root, environment);
        var lastUrl = await last.StartAsync();
        try
        {
            await server.WaitForSentAsync(Rounds * PerRound, seconds: 60);
            // One more update in each chat: each chat is answered in order, so once these are answered,
            // a second answer to an earlier update would have come before them.
            for (var id = 1; id <= Rounds * PerRound; id++)
            {
                var later = new JsonObject { ["update_id"] = 1000 + id, ["message"] = FakeTelegramServer.Text(100 + id, "Who is Rustem Umerov?", userId: 1000 + id, messageId: 1000 + id) }.ToJsonString();
                using var request = FakeTelegramServer.WebhookPost(lastUrl, later, Secret);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            }
            await server.WaitForSentAsync(2 * Rounds * PerRound, seconds: 60);
            var answered = server.Sent.Select(m => m["reply_parameters"]!["message_id"]!.GetValue<int>()).Where(id => id < 1000).Order().ToList();
            Assert.Equal(Enumerable.Range(1, Rounds * PerRound), answered);
        }
        finally
        {
            last.Kill();
        }
    }
}
