using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Ingest;

namespace TalksBot.Tests.Storage;

/// <summary>The knowledge store and the seed library behave the same on LiteDB and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeStoreContractTests(PostgresFixture postgres)
{
    async Task<(TestKnowledgeBase Kb, IServiceProvider Services)> StartAsync(string provider, bool withSeeds = true)
    {
        var kb = new TestKnowledgeBase(withSeeds);
        return (kb, kb.Start(provider == "postgres" ? await postgres.NewDatabaseAsync() : null));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task AReindexIsReadBackWholeWithItsGenerationAndRun(string provider)
    {
        var (kb, services) = await StartAsync(provider);
        using var _ = kb;
        var store = services.Knowledge().Store;
        Assert.Equal(0, await store.GenerationAsync());
        Assert.Null(await store.FingerprintAsync());

        var run = await services.Knowledge().ReindexAsync();
        Assert.True(run.Succeeded, run.Error);
        var stored = await store.ReadAsync();
        Assert.Equal(1, stored.Generation);
        Assert.Equal(Directory.GetFiles(kb.Seeds, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal), stored.Sources.Select(s => s.Id));
        Assert.Equal(stored.Sources.Sum(s => s.Chunks), stored.Chunks.Count);
        // The terms are with each chunk or, where the store keeps the snapshot's image, in that.
        Assert.All(stored.Chunks, c => Assert.True(c.Indexed.Chunk.Sentences.Count >= 1 && (c.Terms.Length > 0 || stored.Image is not null) && c.Indexed.Chunk.Text.Length > 0));
        // In the order a snapshot keeps them: by source, then by place.
        var places = stored.Chunks.Select(c => (c.Indexed.Chunk.Source, c.Indexed.Chunk.Index)).ToList();
        Assert.Equal(places.OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Index), places);
        Assert.NotNull(await store.FingerprintAsync());
        Assert.True(await store.SizeBytesAsync() > 0);

        // Nothing changed: a run is recorded, the generation stays (no replica reloads for it).
        await services.Knowledge().ReindexAsync();
        Assert.Equal(1, await store.GenerationAsync());
        var runs = await store.RunsAsync(10);
        Assert.Equal(2, runs.Count);
        Assert.True(runs[0].Id > runs[1].Id);
        Assert.Equal(stored.Sources.Count, runs[0].Unchanged);
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task AddingChangingAndRemovingTextsGoesThroughTheLibrary(string provider)
    {
        var (kb, services) = await StartAsync(provider, withSeeds: false);
        using var _ = kb;
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "a.txt"), "Title: A\n\nThe delegations met in a hotel by the lake and talked for six hours.");
        var library = services.GetRequiredService<ISeedLibrary>();
        var knowledge = services.Knowledge();
        await knowledge.GetAsync();

        Assert.Equal(SaveOutcome.Saved, await library.SaveAsync("b.txt", "Title: B\n\nThe envoys agreed to meet again after the winter holidays."u8.ToArray(), replace: false));
        var castle = "Title: A\n\nThe delegations met in a castle on the hill and talked for two days."u8.ToArray();
        Assert.Equal(SaveOutcome.Exists, await library.SaveAsync("a.txt", castle, replace: false));
        Assert.Equal(SaveOutcome.Replaced, await library.SaveAsync("a.txt", castle, replace: true));
        var run = await knowledge.ReindexAsync();
        Assert.Equal((1, 1), (run.Added, run.Changed));
        var index = await knowledge.GetAsync();
        Assert.Contains(index.Chunks, c => c.Chunk.Text.Contains("castle"));
        Assert.DoesNotContain(index.Chunks, c => c.Chunk.Text.Contains("lake"));

        Assert.True(await library.RemoveAsync("a.txt"));
        Assert.False(await library.RemoveAsync("a.txt"));
        run = await knowledge.ReindexAsync();
        Assert.Equal(1, run.Removed);
        Assert.Equal(["b.txt"], (await knowledge.Store.SourcesAsync()).Select(s => s.Id));
        Assert.Equal(["b.txt"], (await knowledge.GetAsync()).Sources.Keys);
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ACancelledCommitWritesNothing(string provider)
    {
        var (kb, services) = await StartAsync(provider);
        using var _ = kb;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Knowledge().ReindexAsync(cancellationToken: cancelled.Token));
        var store = services.Knowledge().Store;
        Assert.Empty((await store.ReadAsync()).Chunks);
        Assert.Equal(0, await store.GenerationAsync());
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task TextsOverTheSizeLimitAndBinaryOnesAreNamedNotIndexed(string provider)
    {
        var (kb, services) = await StartAsync(provider, withSeeds: false);
        using var _ = kb;
        var library = services.GetRequiredService<ISeedLibrary>();
        await library.SaveAsync("ok.txt", "Title: Ok\n\nThe talks resumed on Monday with both sides present."u8.ToArray(), replace: false);
        await library.SaveAsync("big.txt", new byte[3_000_000].Select(_ => (byte)'a').ToArray(), replace: false);
        await library.SaveAsync("bin.txt", [0, 1, 2, 0xff, 0xfe, 0, 0, 7], replace: false);
        var run = await services.Knowledge().ReindexAsync();
        Assert.Equal(["ok.txt"], (await services.Knowledge().Store.SourcesAsync()).Select(s => s.Id));
        Assert.Contains(run.Problems, p => p.StartsWith("big.txt is 3 MB, over the 2 MB limit"));
        Assert.Contains(run.Problems, p => p.StartsWith("bin.txt"));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task MetadataEntriesSetTogetherAreAllKeptAndShowInTheSources(string provider)
    {
        var (kb, services) = await StartAsync(provider, withSeeds: false);
        using var _ = kb;
        var library = services.GetRequiredService<ISeedLibrary>();
        await library.SaveAsync("a.txt", "Title: A\n\nThe delegations met in a hotel by the lake and talked for six hours."u8.ToArray(), replace: false);
        for (var i = 1; i < 8; i++) await library.SaveAsync($"x{i}.txt", System.Text.Encoding.UTF8.GetBytes($"Title: X{i}\n\nThe envoys of round {i} agreed to meet again."), replace: false);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            library.SetMetadataAsync(i == 0 ? "a.txt" : $"x{i}.txt", new SourceOverride(null, $"Outlet {i}", null, null, $"https://news.example/{i}", null))));
        Assert.True(await library.SetMetadataAsync("a.txt", new SourceOverride(null, null, "A. Writer", null, null, null)));
        await services.Knowledge().ReindexAsync();
        var sources = await services.Knowledge().Store.SourcesAsync();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Outlet {i}"), sources.Select(s => s.Outlet).Order());
        var source = sources.Single(s => s.Id == "a.txt");
        Assert.Equal(("Outlet 0", "A. Writer", "https://news.example/0"), (source.Outlet, source.Author, source.Url));
        var overrides = SeedReaderOverrides((await library.ReadAsync()).Files!);
        Assert.Equal("Outlet 0", overrides["a.txt"].Outlet);

        // A metadata file a person broke is not overwritten.
        await library.SaveAsync("sources.json", "{ not json"u8.ToArray(), replace: true);
        Assert.False(await library.SetMetadataAsync("a.txt", new SourceOverride("T", null, null, null, null, null)));
    }

    static Dictionary<string, SourceOverride> SeedReaderOverrides(List<SeedFile> files) => files.Where(f => f.Override is not null).ToDictionary(f => f.Name, f => f.Override!);
}
