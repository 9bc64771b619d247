using Microsoft.Extensions.DependencyInjection;
using TalksBot.Admin;
using TalksBot.Limits;

namespace TalksBot.Tests.Storage;

/// <summary>Per-minute counters and admin sessions: the same on both stores, and on PostgreSQL counted once for every replica.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedLimitsTests(PostgresFixture postgres)
{
    static readonly Dictionary<string, string?> Admin = new() { ["Admin:Token"] = "a-token-of-sixteen-chars-or-more", ["Admin:SignInAttemptsPerMinute"] = "5" };

    async Task<List<(TestKnowledgeBase Kb, IServiceProvider Services)>> ReplicasAsync(string provider, int count)
    {
        var settings = new Dictionary<string, string?>(Admin);
        foreach (var (k, v) in provider == "postgres" ? await postgres.NewDatabaseAsync() : []) settings[k] = v;
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var kb = new TestKnowledgeBase(withSeeds: false);
            return (kb, kb.BuildServe(settings));
        })];
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task EventsAreCountedPerKeyWithinTheMinuteAndOneCanBeTakenBack(string provider)
    {
        var replicas = await ReplicasAsync(provider, 1);
        using var _ = replicas[0].Kb;
        var events = replicas[0].Services.GetRequiredService<IRecentEvents>();
        Assert.Equal(1, await events.AddAsync("question:1"));
        Assert.Equal(2, await events.AddAsync("question:1"));
        Assert.Equal(1, await events.AddAsync("question:2"));
        await events.TakeBackAsync("question:1");
        Assert.Equal(2, await events.AddAsync("question:1"));
    }

    [Fact]
    public async Task ParallelSignInGuessesOnSeveralReplicasDoNotSlipPastTheLimitTogether()
    {
        var replicas = await ReplicasAsync("postgres", 3);
        try
        {
            var guesses = Enumerable.Range(0, 30).Select(i =>
                replicas[i % 3].Services.GetRequiredService<AdminSessions>().TrySignInAsync("wrong-guess", "203.0.113.9"));
            var results = await Task.WhenAll(guesses);
            Assert.Equal(5, results.Count(r => r.Result == AdminSessions.SignIn.Wrong));
            Assert.Equal(25, results.Count(r => r.Result == AdminSessions.SignIn.TooMany));
        }
        finally
        {
            foreach (var (kb, _) in replicas) kb.Dispose();
        }
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ASessionIsFoundUntilSignedOut(string provider)
    {
        var replicas = await ReplicasAsync(provider, 1);
        using var _ = replicas[0].Kb;
        var sessions = replicas[0].Services.GetRequiredService<AdminSessions>();
        var (result, session) = await sessions.TrySignInAsync(Admin["Admin:Token"], "198.51.100.1");
        Assert.Equal(AdminSessions.SignIn.Ok, result);
        Assert.Equal(session!.Csrf, (await sessions.FindAsync(session.Id))?.Csrf);
        Assert.Null(await sessions.FindAsync("not-a-session"));
        await sessions.SignOutAsync(session.Id);
        Assert.Null(await sessions.FindAsync(session.Id));
    }

    [Fact]
    public async Task SignedInOnOneReplicaIsSignedInOnAllAndSignedOutOnAll()
    {
        var replicas = await ReplicasAsync("postgres", 2);
        try
        {
            var a = replicas[0].Services.GetRequiredService<AdminSessions>();
            var b = replicas[1].Services.GetRequiredService<AdminSessions>();
            var (_, session) = await a.TrySignInAsync(Admin["Admin:Token"], "198.51.100.1");
            Assert.Equal(session!.Csrf, (await b.FindAsync(session.Id))?.Csrf);
            await b.SignOutAsync(session.Id);
            Assert.Null(await a.FindAsync(session.Id));
        }
        finally
        {
            foreach (var (kb, _) in replicas) kb.Dispose();
        }
    }
}
