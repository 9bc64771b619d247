using TalksBot.Bench;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>`serve` says which bot its token belongs to, or that Telegram rejected it, and does not hammer Telegram with a wrong one.</summary>
public class TelegramTokenTests
{
    static async Task<(BotProcess Bot, FakeTelegramServer Server, TestKnowledgeBase Kb)> ServeAsync(bool reject)
    {
        var server = await FakeTelegramServer.StartAsync();
        server.RejectToken = reject;
        var kb = new TestKnowledgeBase();
        var bot = new BotProcess(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:TEST-token", ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url, ["TALKSBOT__TELEGRAM__POLLSECONDS"] = "1",
        });
        await bot.StartAsync();
        return (bot, server, kb);
    }

    static async Task UntilAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !condition() && DateTime.UtcNow < deadline;) await Task.Delay(100);
    }

    [Fact]
    public async Task AtStartTheLogSaysWhichBotIsOn()
    {
        var (bot, server, kb) = await ServeAsync(reject: false);
        using var _ = kb;
        await using var __ = server;
        await UntilAsync(() => bot.Lines($"Telegram is on as @{FakeTelegramServer.BotUsername}") > 0);
        await bot.StopAsync();
        Assert.Equal(1, bot.Lines($"Telegram is on as @{FakeTelegramServer.BotUsername}"));
    }

    [Fact]
    public async Task ARejectedTokenIsSaidPlainlyAndNotRetriedFast()
    {
        var (bot, server, kb) = await ServeAsync(reject: true);
        using var _ = kb;
        await using var __ = server;
        await UntilAsync(() => bot.Lines("polling tries again every 5 minutes") > 0);
        await Task.Delay(TimeSpan.FromSeconds(3)); // what a retry loop would fill with attempts
        await bot.StopAsync();

        Assert.True(bot.Lines("Telegram rejected the token (401): check Telegram:Token") >= 1);
        Assert.Single(server.Calls, c => c.Method is "getUpdates" or "deleteWebhook");
        Assert.Equal(0, bot.Lines("getUpdates failed"));
        Assert.Equal(0, bot.Lines("   at "));
    }
}
