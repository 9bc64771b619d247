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
}
