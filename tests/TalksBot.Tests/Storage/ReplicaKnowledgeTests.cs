using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TalksBot.Ingest;
using TalksBot.Storage;

namespace TalksBot.Tests.Storage;

/// <summary>Several processes on one PostgreSQL store: one library of texts, one reindex at a time, every snapshot swapped whole.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaKnowledgeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AReplicaDeployedWithoutSeedsAnswersFromTheTextsAnotherOneTookIn()
    {
        var settings = await postgres.NewDatabaseAsync();
        using var first = new TestKnowledgeBase();
        using var second = new TestKnowledgeBase(withSeeds: false);
        var a = first.Start(settings);
        var b = second.Start(settings);
        await Task.WhenAll(a.Knowledge().GetAsync(), b.Knowledge().GetAsync());
        // Had b indexed first (nothing), it takes in a's index as its snapshot refresher would.
        await b.Knowledge().RefreshAsync();

        var expected = Directory.GetFiles(first.Seeds, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await b.Knowledge().GetAsync()).Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((await a.Knowledge().GetAsync()).Chunks.Count, (await b.Knowledge().GetAsync()).Chunks.Count);
        // Both came up together: the texts were indexed once, by one of them.
        Assert.Single(await a.Knowledge().Store.RunsAsync(10), r => r.Added > 0);
    }

    [Fact]
    public async Task AnUploadOnOneReplicaIsSearchableOnAnotherWithoutARestart()
    {
        var settings = await postgres.NewDatabaseAsync();
        using var first = new TestKnowledgeBase();
        using var second = new TestKnowledgeBase(withSeeds: false);
        var a = first.Start(settings);
        var b = second.Start(settings);
        await a.Knowledge().GetAsync();
        var host = b.GetRequiredService<IHost>();
        await host.StartAsync(); // its snapshot refresher listens for other replicas' commits
        try
        {
            var before = (await b.Knowledge().GetAsync()).Sources.Count;
            await a.GetRequiredService<ISeedLibrary>().SaveAsync("new.txt", "Title: New\n\nThe observers counted the ferries crossing the strait at dawn."u8.ToArray(), replace: false);
            var run = await a.Knowledge().ReindexAsync();
            Assert.Equal(1, run.Added);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (b.Knowledge().Generation < a.Knowledge().Generation) await Task.Delay(20, timeout.Token);
            var index = await b.Knowledge().GetAsync();
            Assert.Equal(before + 1, index.Sources.Count);
            var hits = await b.Searcher().SearchAsync("ferries crossing the strait");
            Assert.Equal("new.txt", hits.Hits[0].Passage.Chunk.Source);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AReindexWhileAnotherReplicaHoldsTheLockIsSkippedAndSaysWhy()
    {
        var settings = await postgres.NewDatabaseAsync();
        using var first = new TestKnowledgeBase();
        using var second = new TestKnowledgeBase();
        var a = first.Start(settings);
        var b = second.Start(settings);
        await a.Knowledge().GetAsync();
        await b.Knowledge().GetAsync();

        await using (var held = await a.Knowledge().Store.LockReindexAsync(wait: false))
        {
            Assert.NotNull(held);
            Assert.Null(await b.Knowledge().Store.LockReindexAsync(wait: false));
            var run = await b.Knowledge().ReindexAsync(full: true);
            Assert.Equal("skipped", run.Outcome);
            Assert.Contains("Another replica is reindexing", run.Error);
        }
        var after = await b.Knowledge().ReindexAsync(full: true);
        Assert.True(after.Succeeded, after.Error);
    }

    [Fact]
    public async Task TheSeedsFolderIsTakenInOnceSoARemovalStaysRemoved()
    {
        var settings = await postgres.NewDatabaseAsync();
        using var kb = new TestKnowledgeBase();
        var a = kb.Start(settings);
        await a.Knowledge().GetAsync();
        var removed = Path.GetFileName(Directory.GetFiles(kb.Seeds, "*.txt")[0]);
        Assert.True(await a.GetRequiredService<ISeedLibrary>().RemoveAsync(removed));
        await a.Knowledge().ReindexAsync();

        kb.Stop();
        var restarted = kb.Start(settings); // the same folder, the text still in it
        Assert.DoesNotContain(removed, (await restarted.Knowledge().GetAsync()).Sources.Keys);
    }

    [Fact]
    public async Task TheSchemaIsMigratedOnceWhenReplicasStartTogether()
    {
        var settings = await postgres.NewDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new TestKnowledgeBase(withSeeds: false)).ToList();
        try
        {
            var versions = await Task.WhenAll(databases.Select(d => d.Start(settings).GetRequiredService<PostgresDatabase>().VersionAsync()));
            var latest = PostgresDatabase.Migrations[^1].Version;
            Assert.All(versions, v => Assert.Equal(latest, v));
            await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Postgres"]);
            await connection.OpenAsync();
            Assert.Equal(PostgresDatabase.Migrations.Count, await connection.ScalarAsync<long>("SELECT count(*) FROM schema_version", CancellationToken.None));
        }
        finally
        {
            foreach (var d in databases) d.Dispose();
        }
    }
}
