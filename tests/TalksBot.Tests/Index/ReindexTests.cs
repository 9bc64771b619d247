using TalksBot.Index;

namespace TalksBot.Tests.Index;

public class ReindexTests
{
    sealed class SyncProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }

    static async Task<List<string>> Sources(IServiceProvider services, string query) =>
        [.. (await services.Searcher().SearchAsync(query, 10)).Hits.Select(h => h.Passage.Chunk.Source).Distinct()];

    /// <summary>Indexes a.txt (harbour opened) and b.txt (bridge repairs), then rewrites a.txt (lighthouse) and deletes b.txt.</summary>
    static async Task<IServiceProvider> IndexTwoSourcesThenChangeOneAndDeleteTheOther(TestKnowledgeBase kb)
    {
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "a.txt"), "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "b.txt"), "Bridge News\nThe bridge closed for repairs.");
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "a.txt"), "Harbour News\nThe lighthouse was painted white.");
        File.Delete(Path.Combine(kb.Seeds, "b.txt"));
        return services;
    }

    [Fact]
    public async Task FirstUseBuildsTheIndexWithoutASetupStep()
    {
        using var kb = new TestKnowledgeBase();
        var result = await kb.Start().Searcher().SearchAsync("prisoner exchange");
        Assert.Equal(5, result.Hits.Count);
        Assert.True(File.Exists(kb.Database));
    }

    [Fact]
    public async Task UnchangedSourcesAreNotReprocessedAfterARestart()
    {
        using var kb = new TestKnowledgeBase();
        var first = await kb.Start().Knowledge().ReindexAsync();
        Assert.Equal(5, first.Added);
        kb.Stop();

        var services = kb.Start();
        var indexedAt = (await services.Knowledge().Store.SourcesAsync()).Select(s => s.IndexedAt).ToList();
        var second = await services.Knowledge().ReindexAsync();
        Assert.Equal((0, 0, 0, 5), (second.Added, second.Changed, second.Removed, second.Unchanged));
        Assert.Equal(indexedAt, (await services.Knowledge().Store.SourcesAsync()).Select(s => s.IndexedAt));
    }

    [Fact]
    public async Task AChangedSourceIsReplacedAndADeletedOneDisappears()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = await IndexTwoSourcesThenChangeOneAndDeleteTheOther(kb);
        var run = await services.Knowledge().ReindexAsync();

        Assert.Equal((0, 1, 1, 0), (run.Added, run.Changed, run.Removed, run.Unchanged));
        Assert.Equal(["a.txt"], await Sources(services, "lighthouse"));
        Assert.Empty(await Sources(services, "opened"));
        Assert.Empty(await Sources(services, "bridge repairs"));
        Assert.Equal(["a.txt"], (await services.Knowledge().Store.SourcesAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task FullReindexReprocessesEverySource()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        var run = await services.Knowledge().ReindexAsync(full: true);
        Assert.True(run.Full);
        Assert.Equal((0, 5, 5), (run.Changed, run.Unchanged, run.Reread)); // each read again, none of them changed
        Assert.Equal(5, (await services.Knowledge().Store.SourcesAsync()).Count(s => s.IndexedAt >= run.StartedAt));
    }

    [Fact]
    public async Task ChangedChunkSettingsReprocessEverySource()
    {
        using var kb = new TestKnowledgeBase();
        await kb.Start().Knowledge().ReindexAsync();
        kb.Stop();
        var run = await kb.Start(new() { ["Index:ChunkTargetChars"] = "300" }).Knowledge().ReindexAsync();
        Assert.Equal((0, 5), (run.Changed, run.Reread));
    }

    [Fact]
    public async Task AReindexInterruptedWhileWritingLeavesThePreviousIndexOnDisk()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = await IndexTwoSourcesThenChangeOneAndDeleteTheOther(kb);
        using var cancel = new CancellationTokenSource();
        // Cancelled once writing has begun: the removal is already inside the transaction.
        var progress = new SyncProgress(p => { if (p.Phase == "writing") cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Knowledge().ReindexAsync(false, progress, cancellationToken: cancel.Token));

        Assert.Equal(["a.txt"], await Sources(services, "harbour opened"));
        Assert.Equal(["b.txt"], await Sources(services, "bridge repairs"));
        kb.Stop();

        var restarted = kb.Start();
        Assert.Equal(["a.txt", "b.txt"], (await restarted.Knowledge().Store.SourcesAsync()).Select(s => s.Id));
        Assert.Equal(2, (await restarted.Knowledge().Store.ReadAsync()).Chunks.Count());
        Assert.Equal(["a.txt"], await Sources(restarted, "harbour opened"));
    }

    [Fact]
    public async Task QueriesDuringAReindexSeeTheOldOrTheNewIndexNeverAMix()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        const int files = 40;
        for (var i = 0; i < files; i++)
            await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:00}.txt"), $"Report {i}\nThe edition alpha covers harbour news number {i}.");
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        for (var i = 0; i < files; i++)
            await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:00}.txt"), $"Report {i}\nThe edition beta covers harbour news number {i}.");

        async Task<string> Edition()
        {
            var hits = (await services.Searcher().SearchAsync("edition harbour news alpha beta", 20)).Hits;
            var editions = hits.Select(h => h.Passage.Chunk.Text.Contains("alpha") ? "alpha" : "beta").Distinct().ToList();
            return Assert.Single(editions);
        }

        var reindex = Task.Run(() => services.Knowledge().ReindexAsync());
        var queries = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            do await Edition(); while (!reindex.IsCompleted);
        })).ToList();
        await Task.WhenAll(queries);
        Assert.True((await reindex).Succeeded);
        Assert.Equal("beta", await Edition());
    }

    [Fact]
    public async Task AMissingSeedsFolderFailsTheRunAndKeepsTheIndex()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        Directory.Delete(kb.Seeds, recursive: true);

        var run = await services.Knowledge().ReindexAsync();
        Assert.False(run.Succeeded);
        Assert.Contains("does not exist", run.Error);
        Assert.Equal(5, (await services.Knowledge().Store.SourcesAsync()).Count);
        Assert.Equal(5, (await services.Searcher().SearchAsync("prisoners")).Hits.Count);
    }
}
