namespace TalksBot.Tests.Cli;

public class ConfigCheckTests
{
    [Fact]
    public async Task AValidConfigurationIsSummarisedWithoutSecrets()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output, _) = await TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456789:AAH-abcdefghijklmnopqrstuvwxyz0123456",
        }, "config", "check");
        Assert.Equal(0, exit);
        Assert.Contains("The configuration is valid.", output);
        Assert.Contains("Telegram: polling", output);
        Assert.DoesNotContain("AAH-abcdefghijklmnopqrstuvwxyz0123456", output);
    }

    [Fact]
    public async Task EveryProblemIsNamedWithItsKeyAndNoSecretIsPrinted()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output, _) = await TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = Path.Combine(kb.Root, "missing"), ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
            ["TALKSBOT__TELEGRAM__TOKEN"] = "not-a-real-token-secret", ["TALKSBOT__TELEGRAM__MODE"] = "webhook",
            ["TALKSBOT__DISCORD__PUBLICKEY"] = "abc", ["TALKSBOT__ANSWER__ENGINE"] = "gpt",
        }, "config", "check");
        Assert.Equal(2, exit);
        foreach (var key in new[] { "Seeds:Path", "Telegram:Token", "Telegram:WebhookSecret", "Telegram:WebhookUrl", "Discord:PublicKey", "Answer:Engine" })
            Assert.Contains(key, output);
        Assert.DoesNotContain("not-a-real-token-secret", output);
    }

    /// <summary>One validation: a short admin token or a guessable webhook secret is named by `config check` as `serve` refuses it.</summary>
    [Theory]
    [InlineData("TALKSBOT__ADMIN__TOKEN", "short", "Admin:Token must be at least 16 characters.")]
    [InlineData("TALKSBOT__TELEGRAM__WEBHOOKSECRET", "x", "Telegram:WebhookSecret must be 16 to 256 characters")]
    [InlineData("TALKSBOT__TELEGRAM__WEBHOOKSECRET", "a secret with spaces", "Telegram:WebhookSecret must be 16 to 256 characters")]
    public async Task WhatServeRefusesConfigCheckNamesInTheSameWords(string key, string value, string message)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
            ["TALKSBOT__TELEGRAM__TOKEN"] = "123456789:AAH-abcdefghijklmnopqrstuvwxyz0123456", ["TALKSBOT__TELEGRAM__MODE"] = "webhook",
            ["TALKSBOT__TELEGRAM__WEBHOOKSECRET"] = "a-long-enough-webhook-secret", ["TALKSBOT__TELEGRAM__WEBHOOKURL"] = "https://bot.example.org/telegram/webhook",
            [key] = value,
        };
        var check = await TalksBotProcess.RunAsync(kb.Root, environment, "config", "check");
        var serve = await TalksBotProcess.RunAsync(kb.Root, environment, "serve");

        Assert.Equal((2, 2), (check.Exit, serve.Exit));
        Assert.Contains(message, check.Out);
        Assert.Contains(message, serve.Err);
    }
}
