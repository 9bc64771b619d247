using TalksBot.Telegram;

namespace TalksBot.Tests.Storage;

/// <summary>The Telegram state behaves the same on LiteDB and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TelegramStateContractTests(PostgresFixture postgres)
{
    static readonly Dictionary<string, string?> Telegram = new()
    {
        ["Telegram:Token"] = "123456:TEST-token", ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = "secret-for-state-tests",
    };

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task AKeptUpdateIsTakenOnceAnsweredOnceAndNotKeptAgain(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Telegram);
        var state = replicas.Get<ITelegramState>();
        await state.KeepAsync(10, 7, """{"update_id":10}""");
        await state.KeepAsync(10, 7, """{"update_id":10}"""); // a webhook retry
        await state.KeepAsync(11, 8, """{"update_id":11}""");
        Assert.Equal([10, 11], (await state.TakeAsync(100)).Select(u => u.Id));
        Assert.Equal("""{"update_id":10}""", (await state.TakeAsync(1))[0].Json);

        Assert.True(await state.TryClaimAsync(10));
        await state.MarkDoneAsync(10);
        Assert.False(await state.TryClaimAsync(10));
        await state.ForgetAsync([10]);
        Assert.Equal([11], (await state.TakeAsync(100)).Select(u => u.Id));

        await state.KeepAsync(10, 7, """{"update_id":10}"""); // redelivered after it was answered
        Assert.Equal([11], (await state.TakeAsync(100)).Select(u => u.Id));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ThePollingOffsetIsKept(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Telegram);
        var state = replicas.Get<ITelegramState>();
        Assert.Equal(0, await state.OffsetAsync());
        await state.SaveOffsetAsync(41);
        await state.SaveOffsetAsync(42);
        Assert.Equal(42, await state.OffsetAsync());
        await using var lead = await state.TryLeadPollingAsync();
        Assert.NotNull(lead);
    }

    [Fact]
    public async Task OnlyOneReplicaPollsAndAnotherTakesOverWhenItLetsGo()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, Telegram);
        var (a, b) = (replicas.Get<ITelegramState>(0), replicas.Get<ITelegramState>(1));
        var lead = await a.TryLeadPollingAsync();
        Assert.NotNull(lead);
        Assert.Null(await b.TryLeadPollingAsync());
        await lead.DisposeAsync();
        await using var taken = await b.TryLeadPollingAsync();
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task APollerWhoseDatabaseConnectionDroppedKnowsItNoLongerLeads()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, Telegram);
        var (a, b) = (replicas.Get<ITelegramState>(0), replicas.Get<ITelegramState>(1));
        await using var lead = await a.TryLeadPollingAsync();
        Assert.NotNull(lead);
        Assert.True(await lead.StillHeldAsync());

        // The server drops the lock's session (a restart, a network failure): the lock goes with it.
        await using (var admin = new Npgsql.NpgsqlConnection(replicas.Get<TalksBot.Storage.PostgresDatabase>(0).DataSource.ConnectionString))
        {
            await admin.OpenAsync();
            await TalksBot.Storage.NpgsqlConnectionExtensions.ExecuteAsync(admin,
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()", CancellationToken.None);
        }
        Assert.False(await lead.StillHeldAsync());
        await using var taken = await b.TryLeadPollingAsync();
        Assert.NotNull(taken);
        Assert.True(await taken.StillHeldAsync());
    }

    [Fact]
    public async Task AChatBeingAnsweredByALiveReplicaIsLeftToItAndTakenOverOnlyOnceItsLeaseRunsOut()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, new(Telegram) { ["Telegram:ClaimLeaseSeconds"] = "3" });
        var (a, b) = (replicas.Get<ITelegramState>(0), replicas.Get<ITelegramState>(1));
        await a.KeepAsync(1, 7, "{}");
        await a.KeepAsync(2, 8, "{}");
        Assert.Equal([1, 2], (await a.TakeAsync(100)).Select(u => u.Id));
        await b.KeepAsync(3, 7, "{}"); // the same chat as 1, which a is answering
        await b.KeepAsync(4, 9, "{}");
        Assert.Equal([4], (await b.TakeAsync(100)).Select(u => u.Id));
        Assert.False(await b.TryClaimAsync(1));

        // a renews while it works: past its first lease, its chats are still its own.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(1000);
            await a.RenewAsync();
        }
        Assert.DoesNotContain((await b.TakeAsync(100)).Select(u => u.Id), id => id is 1 or 2 or 3);

        // a stops renewing (it died): once the lease has run out, b takes its updates and the chat's next one, in order.
        var until = DateTime.UtcNow.AddSeconds(10);
        List<int> taken;
        do
        {
            await Task.Delay(250);
            taken = [.. (await b.TakeAsync(100)).Select(u => u.Id)];
        }
        while (!taken.Contains(1) && DateTime.UtcNow < until);
        Assert.Equal([1, 2, 3, 4], taken);
        Assert.True(await b.TryClaimAsync(1));
    }
}
