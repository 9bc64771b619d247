using TalksBot.Admin;
using TalksBot.Limits;

namespace TalksBot.Tests.Storage;

/// <summary>Per-minute counters and admin sessions: the same on both stores, and on PostgreSQL counted once for every replica.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedLimitsTests(PostgresFixture postgres)
{
    static readonly Dictionary<string, string?> Admin = new() { ["Admin:Token"] = "a-token-of-sixteen-chars-or-more", ["Admin:SignInAttemptsPerMinute"] = "5" };

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task EventsAreCountedPerKeyWithinTheMinuteAndOneCanBeTakenBack(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Admin, serve: true);
        var events = replicas.Get<IRecentEvents>();
        Assert.Equal(1, await events.AddAsync("question:1"));
        Assert.Equal(2, await events.AddAsync("question:1"));
        Assert.Equal(1, await events.AddAsync("question:2"));
        await events.TakeBackAsync("question:1");
        Assert.Equal(2, await events.AddAsync("question:1"));
    }

    [Fact]
    public async Task ParallelSignInGuessesOnSeveralReplicasDoNotSlipPastTheLimitTogether()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 3, Admin, serve: true);
        var guesses = Enumerable.Range(0, 30).Select(i => replicas.Get<AdminSessions>(i % 3).TrySignInAsync("wrong-guess", "203.0.113.9"));
        var results = await Task.WhenAll(guesses);
        Assert.Equal(5, results.Count(r => r.Result == AdminSessions.SignIn.Wrong));
        Assert.Equal(25, results.Count(r => r.Result == AdminSessions.SignIn.TooMany));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ASessionIsFoundUntilSignedOut(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Admin, serve: true);
        var sessions = replicas.Get<AdminSessions>();
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
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, Admin, serve: true);
        var (a, b) = (replicas.Get<AdminSessions>(0), replicas.Get<AdminSessions>(1));
        var (_, session) = await a.TrySignInAsync(Admin["Admin:Token"], "198.51.100.1");
        Assert.Equal(session!.Csrf, (await b.FindAsync(session.Id))?.Csrf);
        await b.SignOutAsync(session.Id);
        Assert.Null(await a.FindAsync(session.Id));
    }
}
