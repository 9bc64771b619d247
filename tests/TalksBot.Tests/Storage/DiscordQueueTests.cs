using Microsoft.Extensions.DependencyInjection;
using TalksBot.Discord;
using TalksBot.Tests.Discord;

namespace TalksBot.Tests.Storage;

/// <summary>Discord's deferred asks kept in PostgreSQL: answered once, whichever replica takes them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordQueueTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ASignedAskIsAnsweredOnceThroughTheSharedQueueAndAReplayIsRefused()
    {
        await using var discord = await DiscordApp.StartAsync(extra: await postgres.NewDatabaseAsync());
        var body = DiscordApp.Command("ask", "Who is Rustem Umerov?", token: "tok-pg");
        Assert.Equal(200, (await discord.PostAsync(body)).Status);
        Assert.Equal(409, (await discord.PostAsync(body)).Status);
        var call = Assert.Single(await discord.Server.WaitForCallsAsync(1));
        Assert.Equal($"webhooks/{DiscordApp.ApplicationId}/tok-pg/messages/@original", call.Path);
    }

    [Fact]
    public async Task AnAskTakenByOneReplicaIsLeftToItAndNotAnsweredAgainOnceDone()
    {
        var settings = await postgres.NewDatabaseAsync();
        settings["Discord:PublicKey"] = new string('a', 64);
        using var first = new TestKnowledgeBase(withSeeds: false);
        using var second = new TestKnowledgeBase(withSeeds: false);
        var a = first.Start(settings).GetRequiredService<IDiscordQueue>();
        var b = second.Start(settings).GetRequiredService<IDiscordQueue>();
        var ask = new DiscordAsk("9001", "4242", "tok", "Who?", false, "discord:c", "u");
        await a.EnqueueAsync(ask, CancellationToken.None);
        await a.EnqueueAsync(ask, CancellationToken.None); // the same interaction twice: kept once

        Assert.Equal(["9001"], await TakeForAsync(b, TimeSpan.FromSeconds(2)));
        Assert.Empty(await TakeForAsync(a, TimeSpan.FromSeconds(2))); // b holds its lease
        await b.DoneAsync(ask, CancellationToken.None);
        Assert.Empty(await TakeForAsync(b, TimeSpan.FromSeconds(2)));
    }

    static async Task<List<string>> TakeForAsync(IDiscordQueue queue, TimeSpan time)
    {
        using var stop = new CancellationTokenSource(time);
        var taken = new List<string>();
        await foreach (var ask in queue.ReadAllAsync(stop.Token)) taken.Add(ask.Id);
        return taken;
    }
}
