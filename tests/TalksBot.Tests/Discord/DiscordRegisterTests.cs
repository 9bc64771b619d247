using TalksBot.Tests.Fakes;

namespace TalksBot.Tests.Discord;

/// <summary>`discord register` in its own process against the fake Discord REST server.</summary>
public class DiscordRegisterTests
{
    static Task<(int Exit, string Out, string Err)> Register(FakeDiscordServer server, TestKnowledgeBase kb, params string[] extra) =>
        TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__DISCORD__APPLICATIONID"] = "4242",
            ["TALKSBOT__DISCORD__BOTTOKEN"] = "bot-token-secret", ["TALKSBOT__DISCORD__APIBASEURL"] = server.Url,
        }, ["discord", "register", .. extra]);

    [Fact]
    public async Task RegisterOverwritesTheCommandsGloballyOrForOneGuild()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);

        var (exit, output, _) = await Register(server, kb);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("bot-token-secret", output);
        (exit, _, _) = await Register(server, kb, "--guild", "777");
        Assert.Equal(0, exit);

        var calls = server.Calls.ToList();
        Assert.Equal(("PUT", "applications/4242/commands"), (calls[0].Method, calls[0].Path));
        Assert.Equal(("PUT", "applications/4242/guilds/777/commands"), (calls[1].Method, calls[1].Path));
        Assert.All(calls, c => Assert.Equal("Bot bot-token-secret", c.Authorization));
        var commands = calls[0].Body.AsArray();
        Assert.Equal(["ask", "sources", "help", "forget"], commands.Select(c => c!["name"]!.GetValue<string>()));
        var options = commands[0]!["options"]!.AsArray();
        Assert.Equal(("question", 3, true), (options[0]!["name"]!.GetValue<string>(), options[0]!["type"]!.GetValue<int>(), options[0]!["required"]!.GetValue<bool>()));
        Assert.Equal(("private", 5), (options[1]!["name"]!.GetValue<string>(), options[1]!["type"]!.GetValue<int>()));
        Assert.Equal(calls[0].Body.ToJsonString(), calls[1].Body.ToJsonString());
    }
}
