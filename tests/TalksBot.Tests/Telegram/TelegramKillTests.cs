using TalksBot.Bench;
using System.Diagnostics;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>`serve` killed (SIGKILL) in the middle of answering: the next process answers the question, once.</summary>
public class TelegramKillTests
{
    [Fact]
    public async Task AQuestionInterruptedByAKillIsAnsweredOnceAfterTheRestart()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var kb = new TestKnowledgeBase();
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:TEST-token", ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url, ["TALKSBOT__TELEGRAM__POLLSECONDS"] = "1", ["TALKSBOT__TELEGRAM__TYPINGAFTERMS"] = "0",
        };
        server.ChatActionDelay = TimeSpan.FromSeconds(60);
        var update = server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1));

        using (var first = Process.Start(BotProcess.StartInfo(kb.Root, environment, "serve"))!)
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (!server.Calls.Any(c => c.Method == "sendChatAction") && DateTime.UtcNow < until) await Task.Delay(100);
            Assert.Contains(server.Calls, c => c.Method == "sendChatAction");
            first.Kill(); // SIGKILL, while it waits to show "typing…"
            await first.WaitForExitAsync();
        }
        Assert.Empty(server.Sent);

        server.ChatActionDelay = TimeSpan.Zero;
        using var second = Process.Start(BotProcess.StartInfo(kb.Root, environment, "serve"))!;
        try
        {
            await server.WaitForHandledAsync(update, seconds: 60);
            var sent = Assert.Single(server.Sent);
            Assert.Equal(1, sent["reply_parameters"]!["message_id"]!.GetValue<int>());
        }
        finally
        {
            second.Kill();
        }
    }
}
