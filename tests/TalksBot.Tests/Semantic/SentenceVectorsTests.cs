using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Tests.Semantic;

/// <summary>The offline semantic signal: the real arctic-embed-xs model, and its vectors kept beside the database.</summary>
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
    public async Task EverySentenceOfTheIndexIsEmbeddedOnceAndWrittenBesideTheDatabase()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        var index = await services.GetRequiredService<KnowledgeBase>().GetAsync();
        var vectors = services.GetRequiredService<SentenceVectors>();
        Assert.NotNull(vectors.Sentence($"A sentence no other test embeds, {Guid.NewGuid()}."));

        vectors.Warm(index);
        Assert.Equal(0, vectors.Warm(index));
        var file = new FileInfo(kb.Database + ".vectors");
        Assert.True(file.Exists);
        // A header, then whole records; sentences another test of this process embedded first are not written again here.
        const int header = 45, record = 8 + 4 + SentenceVector.Dimensions;
        Assert.True(file.Length >= header + record);
        Assert.Equal(0, (file.Length - header) % record);
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
    static async Task<TestKnowledgeBase> Corpus()
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "car.txt"), "Road Report\nThe car broke down on the motorway near the border.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "rain.txt"), "Weather Report\nRain fell across the country all week.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "port.txt"), "Harbour Report\nThe harbour opened for ships on Monday.");
        return kb;
    }

    [Fact]
    public async Task WithItsWeightSetItFindsWhatTheWordsDoNotWithoutAnEndpoint()
    {
        using var kb = await Corpus();
        var result = await kb.Start(new() { ["Search:OfflineDenseWeight"] = "0.3" }).Searcher().SearchAsync("Which vehicle stopped working on the highway?", 1);

        Assert.Equal("car.txt", result.Hits[0].Passage.Chunk.Source);
        Assert.Contains(result.Hits[0].Signals, s => s.Signal == "dense" && s.Rank == 1);
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
