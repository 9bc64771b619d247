using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>`telegram webhook set|delete` in its own process, against the fake Bot API server.</summary>
public class TelegramWebhookCommandTests
{
    static async Task<(int Exit, string Output)> Run(FakeTelegramServer server, TestKnowledgeBase kb, string verb, bool withUrl = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__TELEGRAM__TOKEN"] = "123456:TEST-token",
            ["TALKSBOT__TELEGRAM__APIBASEURL"] = server.Url, ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = "the-secret-of-this-test",
        };
        if (withUrl) environment["TALKSBOT__TELEGRAM__WEBHOOKURL"] = "https://bot.example.org/telegram/webhook";
        var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, environment, "telegram", "webhook", verb);
        return (exit, output + error);
    }

    [Fact]
    public async Task SetRegistersTheUrlWithTheSecretAndDeleteKeepsPendingUpdates()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);

        var (exit, output) = await Run(server, kb, "set");
        Assert.Equal(0, exit);
        Assert.Contains("https://bot.example.org/telegram/webhook", output);
        var set = Assert.Single(server.Calls, c => c.Method == "setWebhook").Body;
        Assert.Equal("https://bot.example.org/telegram/webhook", set["url"]!.GetValue<string>());
        Assert.Equal("the-secret-of-this-test", set["secret_token"]!.GetValue<string>());
        Assert.DoesNotContain("123456:TEST-token", output);

        (exit, _) = await Run(server, kb, "delete");
        Assert.Equal(0, exit);
        var delete = Assert.Single(server.Calls, c => c.Method == "deleteWebhook").Body;
        Assert.NotEqual(true, delete["drop_pending_updates"]?.GetValue<bool>());
    }

    [Fact]
    public async Task SetWithoutAUrlSaysWhatIsMissing()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output) = await Run(server, kb, "set", withUrl: false);
        Assert.Equal(2, exit);
        Assert.Contains("Telegram:WebhookUrl", output);
        Assert.Empty(server.Calls);
    }
}
