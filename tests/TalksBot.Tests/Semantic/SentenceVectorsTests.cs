using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Tests.Semantic;

/// <summary>The offline semantic signal: the real arctic-embed-xs model.</summary>
public class SentenceVectorsTests
{
    [Fact]
    public void AParaphraseIsNearerToTheQuestionThanAnUnrelatedSentence()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var vectors = kb.Start().GetRequiredService<SentenceVectors>();
        var question = vectors.Question("How much of the country does the army hold?")!;
        var near = vectors.Sentence("The troops currently occupy about a fifth of the nation's land.")!.Value;
        var far = vectors.Sentence("The bakery on the corner sells bread on Sundays.")!.Value;
        Assert.Equal(SentenceVector.Dimensions, question.Length);
        Assert.True(near.Cosine(question) > far.Cosine(question) + 0.1f, $"near {near.Cosine(question)}, far {far.Cosine(question)}");
    }

    [Fact]
    public void TurnedOffItGivesNoVectorsAndLoadsNoModel()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var vectors = kb.Start(new() { ["Search:Semantic"] = "false" }).GetRequiredService<SentenceVectors>();
        Assert.False(vectors.Enabled);
        Assert.Null(vectors.Question("Who met in Istanbul?"));
        Assert.Null(vectors.Sentence("The delegations met in Istanbul."));
    }
}

/// <summary>The offline dense signal in search: the passage whose sentence is nearest the question, by the sentence vectors.</summary>
public class OfflineDenseSearchTests
{
    static Task<TestKnowledgeBase> Corpus() => Search.DenseRetrievalTests.Corpus();

    [Fact]
    public async Task WithItsWeightSetItFindsWhatTheWordsDoNotWithoutAnEndpoint()
    {
        using var kb = await Corpus();
        var result = await kb.Start(new() { ["Search:OfflineDenseWeight"] = "0.3" }).Searcher().SearchAsync("Which vehicle stopped working on the highway?", 1);

        Assert.Equal("car.txt", result.Hits[0].Passage.Chunk.Source);
        Assert.Contains(result.Hits[0].Signals, s => s.Signal == "dense" && s.Rank == 1);
    }

    [Fact]
    public async Task TooManySentencesWithoutVectorsForOneQuestionToEmbedAndSearchStaysLexical()
    {
        using var kb = await Corpus();
        var id = Guid.NewGuid().ToString("N")[..8];
        var many = Enumerable.Range(0, ChunkVectors.MaxInline + 50).Select(i => $"Ledger {id} line {i} records cargo number {i * 7}.").ToList();
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "ledger.txt"), "Ledger\n" + string.Join(" ", many));
        var services = kb.Start(new() { ["Search:OfflineDenseWeight"] = "0.3" });

        var result = await services.Searcher().SearchAsync("harbour ships", 3);

        Assert.Equal("port.txt", result.Hits[0].Passage.Chunk.Source);
        Assert.DoesNotContain(result.Hits.SelectMany(h => h.Signals), s => s.Signal == "dense");
        Assert.False(services.GetRequiredService<SentenceVectors>().Has(many[0]));
    }

    [Fact]
    public async Task ByDefaultOrWithTheModelOffSearchStaysLexical()
    {
        using var kb = await Corpus();
        var byDefault = await kb.Start().Searcher().SearchAsync("harbour ships", 3);
        kb.Stop();
        var off = await kb.Start(new() { ["Search:OfflineDenseWeight"] = "0.3", ["Search:Semantic"] = "false" }).Searcher().SearchAsync("harbour ships", 3);

        foreach (var result in new[] { byDefault, off })
        {
            Assert.Equal("port.txt", result.Hits[0].Passage.Chunk.Source);
            Assert.DoesNotContain(result.Hits.SelectMany(h => h.Signals), s => s.Signal == "dense");
        }
    }
}

/// <summary>The index's sentences embedded ahead when something reads the vectors: by serve's warmer, and by `index`.</summary>
public class SentenceWarmingTests
{
    static async Task<(TestKnowledgeBase Kb, string[] Sentences)> Corpus()
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        var sentences = SentenceVectorStoreTests.Unique("ferry");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "ferry.txt"), "Ferry Report\n" + string.Join(" ", sentences));
        return (kb, sentences);
    }

    [Fact]
    public async Task ServeEmbedsTheSnapshotInTheBackgroundInCarefulModeOnly()
    {
        var (kb, sentences) = await Corpus();
        using var _ = kb;
        var plain = kb.BuildServe();
        var idle = plain.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SentenceWarmer>().Single();
        await idle.StartAsync(CancellationToken.None);
        await (idle.ExecuteTask ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(sentences, s => Assert.False(plain.GetRequiredService<SentenceVectors>().Has(s)));
        kb.Stop();

        var careful = kb.BuildServe(new() { ["Answer:Gate"] = "true" });
        var warmer = careful.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SentenceWarmer>().Single();
        var vectors = careful.GetRequiredService<SentenceVectors>();
        await warmer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && !sentences.All(vectors.Has); i++) await Task.Delay(100);
        await warmer.StopAsync(CancellationToken.None);
        Assert.All(sentences, s => Assert.True(vectors.Has(s), s));
    }

    [Fact]
    public async Task TheIndexVerbEmbedsWhenTheOfflineDenseSignalIsOnAndSaysSo()
    {
        var (kb, sentences) = await Corpus();
        using var _ = kb;
        var services = kb.Start(new() { ["Search:OfflineDenseWeight"] = "0.3" });
        var phases = new List<IndexProgress>();
        var output = await TalksBot.Cli.IndexCommand.RunAsync(services, new System.Text.Json.Nodes.JsonObject(), new SynchronousProgress(phases.Add), CancellationToken.None);

        Assert.Equal(0, output.Exit);
        Assert.Contains(phases, p => p.Phase == "embedding" && p.Done == p.Total && p.Total >= sentences.Length);
        Assert.All(sentences, s => Assert.True(services.GetRequiredService<SentenceVectors>().Has(s), s));
    }

    sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
