using System.Text.Json.Nodes;

namespace TalksBot.Tests.Discord;

/// <summary>Signed interactions posted to the running endpoint; answers received by a fake Discord REST server.</summary>
public class DiscordInteractionTests
{
    [Fact]
    public async Task PingGetsPong()
    {
        await using var discord = await DiscordApp.StartAsync();
        var (status, body) = await discord.PostAsync("""{"type":1,"id":"1","application_id":"4242","token":"t"}""");
        Assert.Equal(200, status);
        Assert.Equal(1, body!["type"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("bad signature")]
    [InlineData("tampered")]
    [InlineData("no headers")]
    [InlineData("stale")]
    [InlineData("extreme past")]
    [InlineData("extreme future")]
    public async Task RequestsThatAreNotFromDiscordAreRefusedWith401(string kind)
    {
        await using var discord = await DiscordApp.StartAsync();
        var body = DiscordApp.Command("ask", "Who is Rustem Umerov?");
        var (status, _) = kind switch
        {
            "bad signature" => await discord.PostAsync(body, sign: false),
            "tampered" => await discord.PostAsync(body, tamper: true),
            "no headers" => await discord.PostAsync(body, headers: false),
            // now + long.MinValue made the skew's difference overflow (500 and a stack trace per request).
            "extreme past" => await discord.PostAsync(body, timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + long.MinValue),
            "extreme future" => await discord.PostAsync(body, timestamp: long.MaxValue),
            _ => await discord.PostAsync(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()),
        };
        Assert.Equal(401, status);
        await discord.App.StopAsync(); // stopping answers every interaction taken: nothing more can come
        Assert.Empty(discord.Server.Calls);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"no":"type"}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{"type":"2"}""")]
    [InlineData("""{"type":2,"id":"77","data":{"name":5}}""")]
    [InlineData("""{"type":2,"id":"78","application_id":4242,"token":"t","data":{"name":"ask","options":[{"name":"question","value":7}]}}""")]
    public async Task ASignedButMalformedBodyIsABadRequest(string body)
    {
        await using var discord = await DiscordApp.StartAsync();
        Assert.Equal(400, (await discord.PostAsync(body)).Status);
    }

    [Fact]
    public async Task AReplayedInteractionIsRefusedAndAnsweredOnce()
    {
        await using var discord = await DiscordApp.StartAsync();
        var body = DiscordApp.Command("ask", "Who is Rustem Umerov?", token: "tok-replay");
        Assert.Equal(200, (await discord.PostAsync(body)).Status);
        Assert.Equal(409, (await discord.PostAsync(body)).Status);
        Assert.Equal(409, (await discord.PostAsync(body, timestamp: DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeSeconds())).Status);
        await discord.App.StopAsync(); // stopping answers every interaction taken: nothing more can come
        Assert.Single(discord.Server.Calls);
    }

    [Fact]
    public async Task AReplayAfterARestartIsStillRefused()
    {
        await using var discord = await DiscordApp.StartAsync();
        var body = DiscordApp.Command("help");
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(200, (await discord.PostAsync(body, timestamp: stamp)).Status);
        await discord.RestartAsync();
        Assert.Equal(409, (await discord.PostAsync(body, timestamp: stamp)).Status);
        Assert.Equal(200, (await discord.PostAsync(DiscordApp.Command("help"), timestamp: stamp)).Status);
    }

    [Fact]
    public async Task AUserPastTheLimitIsToldPrivatelyToSlowDownAndNotAnswered()
    {
        await using var discord = await DiscordApp.StartAsync(extra: new() { ["Discord:QuestionsPerUserPerMinute"] = "3" });
        var responses = new List<JsonNode>();
        for (var i = 0; i < 5; i++)
            responses.Add((await discord.PostAsync(DiscordApp.Command("ask", "Who is Rustem Umerov?", token: $"tok-limit-{i}", user: "u-1"))).Body!);
        var other = (await discord.PostAsync(DiscordApp.Command("ask", "Who is Rustem Umerov?", token: "tok-other", user: "u-2"))).Body!;

        Assert.Equal([5, 5, 5, 4, 4], responses.Select(r => r["type"]!.GetValue<int>()));
        foreach (var slowDown in responses.Skip(3))
        {
            Assert.Contains("slow down", slowDown["data"]!["content"]!.GetValue<string>());
            Assert.Equal(64, slowDown["data"]!["flags"]!.GetValue<int>());
        }
        Assert.Equal(5, other["type"]!.GetValue<int>());
        await discord.App.StopAsync(); // every question taken is answered before it stops
        Assert.Equal(4, discord.Server.Calls.Count);
    }

    [Fact]
    public async Task AnOverlongBodyIsRefusedWhetherItSaysItsLengthOrNot()
    {
        await using var discord = await DiscordApp.StartAsync();
        var huge = "{\"type\":1,\"id\":\"1\",\"pad\":\"" + new string('x', 300_000) + "\"}";
        // Unsigned: refused on its headers, the body never read.
        Assert.Equal(401, (await discord.PostAsync(huge, headers: false, chunked: true)).Status);
        // Signed: refused once the limit is passed, chunked or with a Content-Length.
        Assert.Equal(413, (await discord.PostAsync(huge, chunked: true)).Status);
        Assert.Equal(413, (await discord.PostAsync(huge)).Status);
        Assert.Equal(200, (await discord.PostAsync("""{"type":1,"id":"2"}""", chunked: true)).Status);
    }

    [Fact]
    public async Task AskIsDeferredThenTheOriginalIsEditedOnceWithAnswerAndSources()
    {
        await using var discord = await DiscordApp.StartAsync();
        var (status, body) = await discord.PostAsync(DiscordApp.Command("ask", "How many bodies will Ukraine return to Russia?", token: "tok-ask"));

        Assert.Equal(200, status);
        Assert.Equal(5, body!["type"]!.GetValue<int>());
        Assert.Equal(0, body["data"]!["flags"]!.GetValue<int>());
        await discord.App.StopAsync(); // stopping answers every interaction taken: nothing more can come
        var call = Assert.Single(discord.Server.Calls);
        Assert.Equal("PATCH", call.Method);
        Assert.Equal($"webhooks/{DiscordApp.ApplicationId}/tok-ask/messages/@original", call.Path);
        var embeds = call.Body["embeds"]!.AsArray();
        Assert.Contains("6,000", embeds[0]!["description"]!.GetValue<string>());
        var sources = embeds.Last()!["fields"]!.AsArray();
        Assert.StartsWith("[1] ", sources[0]!["name"]!.GetValue<string>());
        Assert.StartsWith("> ", sources[0]!["value"]!.GetValue<string>());
        Assert.Empty(call.Body["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task AnAnswerTooLongForOneMessageEditsTheOriginalAndFollowsUp()
    {
        var text = "Plan Report\n" + string.Join(" ", Enumerable.Range(1, 3).Select(i =>
            $"The harbour ferry plan part {i} includes " + string.Join(", ", Enumerable.Range(1, 300).Select(k => $"item{i}x{k}")) + "."));
        await using var discord = await DiscordApp.StartAsync(withSeeds: false, seed: folder => File.WriteAllText(Path.Combine(folder, "plan.txt"), text));
        await discord.PostAsync(DiscordApp.Command("ask", "What does the harbour ferry plan include?", token: "long"));

        await discord.App.StopAsync(); // stopping answers every interaction taken: nothing more can come
        var calls = discord.Server.Calls.ToList();
        Assert.True(calls.Count >= 2, $"{calls.Count} calls");

        Assert.Equal("PATCH", calls[0].Method);
        Assert.All(discord.Server.Calls.Skip(1), c => Assert.Equal(("POST", $"webhooks/{DiscordApp.ApplicationId}/long"), (c.Method, c.Path)));
        var all = string.Concat(discord.Server.Calls.Select(c => c.Body.ToJsonString()));
        Assert.Contains("item3x300", all);
    }

    [Fact]
    public async Task APrivateAskIsDeferredEphemerally()
    {
        await using var discord = await DiscordApp.StartAsync();
        var (_, body) = await discord.PostAsync(DiscordApp.Command("ask", "Who is Rustem Umerov?", isPrivate: true));
        Assert.Equal(64, body!["data"]!["flags"]!.GetValue<int>());
        await discord.Server.WaitForCallsAsync(1);
    }

    [Fact]
    public async Task SourcesAndHelpAreAnsweredAtOnceWithoutPings()
    {
        await using var discord = await DiscordApp.StartAsync();
        var (_, sources) = await discord.PostAsync(DiscordApp.Command("sources"));
        var (_, help) = await discord.PostAsync(DiscordApp.Command("help"));

        Assert.Equal(4, sources!["type"]!.GetValue<int>());
        var content = sources["data"]!["content"]!.GetValue<string>();
        Assert.All(Directory.GetFiles(TestKnowledgeBase.RepositorySeeds(), "*.txt"), f => Assert.Contains(Path.GetFileName(f).Replace("_", "\\_"), content));
        Assert.Contains("/ask", help!["data"]!["content"]!.GetValue<string>());
        Assert.Empty(help["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task ARateLimitFromDiscordIsWaitedOutAndTheEditStillArrives()
    {
        await using var discord = await DiscordApp.StartAsync();
        discord.Server.RateLimitNext.Enqueue(0.5);
        await discord.PostAsync(DiscordApp.Command("ask", "Who is Rustem Umerov?"));

        var calls = await discord.Server.WaitForCallsAsync(2);
        Assert.All(calls, c => Assert.Equal("PATCH", c.Method));
    }

    [Fact]
    public async Task AFollowUpInTheSameChannelIsReadWithTheQuestionBefore()
    {
        await using var discord = await DiscordApp.StartAsync();
        await discord.PostAsync(DiscordApp.Command("ask", "What did Medinsky say about the bodies?", token: "a"));
        await discord.Server.WaitForCallsAsync(1);
        await discord.PostAsync(DiscordApp.Command("ask", "And Zelensky?", token: "b"));

        var calls = await discord.Server.WaitForCallsAsync(2);
        Assert.Contains("Zelensky stated that Ukraine would also hand over 6,000 Russian bodies", calls[1].Body["embeds"]![0]!["description"]!.GetValue<string>());
    }
}
