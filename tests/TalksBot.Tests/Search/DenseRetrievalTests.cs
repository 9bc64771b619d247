using TalksBot.Fakes;

namespace TalksBot.Tests.Search;

/// <summary>Dense vectors through Semantic Kernel's real OpenAI connector, against a local OpenAI-compatible server.</summary>
public class DenseRetrievalTests
{
    /// <summary>Three one-sentence reports; the offline dense signal's tests read the same.</summary>
    internal static async Task<TestKnowledgeBase> Corpus()
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "car.txt"), "Road Report\nThe car broke down on the motorway near the border.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "rain.txt"), "Weather Report\nRain fell across the country all week.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "port.txt"), "Harbour Report\nThe harbour opened for ships on Monday.");
        return kb;
    }

    static Dictionary<string, string?> Settings(FakeOpenAIServer server) => new()
    {
        ["OpenAI:Endpoint"] = server.Endpoint, ["OpenAI:EmbeddingModel"] = "test-embed", ["OpenAI:TimeoutSeconds"] = "5",
    };

    [Fact]
    public async Task PassagesAreEmbeddedAtIndexTimeAndTheDenseSignalFindsWhatWordsDoNot()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Synonyms["automobile"] = "car";
        using var kb = await Corpus();
        var services = kb.Start(Settings(server));

        var result = await services.Searcher().SearchAsync("automobile", 1);

        Assert.Equal("car.txt", result.Hits[0].Passage.Chunk.Source);
        Assert.Equal(["dense"], result.Hits[0].Signals.Select(s => s.Signal));
        Assert.All(server.EmbeddingRequests, r => Assert.Equal("test-embed", r["model"]!.GetValue<string>()));
        Assert.All((await services.Knowledge().GetAsync()).Chunks, c => Assert.Equal(FakeOpenAIServer.Dimensions, c.Vector!.Length));
    }

    [Fact]
    public async Task StoredVectorsAreReusedAfterARestartAndOnlyTheQueryIsEmbedded()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Synonyms["automobile"] = "car";
        using var kb = await Corpus();
        await kb.Start(Settings(server)).Knowledge().ReindexAsync();
        kb.Stop();
        server.EmbeddingRequests.Clear();

        var result = await kb.Start(Settings(server)).Searcher().SearchAsync("automobile", 1);

        Assert.Equal("car.txt", result.Hits[0].Passage.Chunk.Source);
        var request = Assert.Single(server.EmbeddingRequests);
        Assert.Equal("automobile", request["input"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public async Task WhenTheEndpointFailsAtQueryTimeSearchStaysLexical()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var kb = await Corpus();
        var services = kb.Start(Settings(server));
        await services.Knowledge().ReindexAsync();
        server.FailWith = 503;

        var result = await services.Searcher().SearchAsync("harbour ships", 1);

        Assert.Null(result.Error);
        Assert.Equal("port.txt", result.Hits[0].Passage.Chunk.Source);
        Assert.DoesNotContain(result.Hits[0].Signals, s => s.Signal == "dense");
    }

    [Fact]
    public async Task WhenTheEndpointFailsAtIndexTimeTheRunFailsAndThePreviousIndexStays()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var kb = await Corpus();
        var services = kb.Start(Settings(server));
        await services.Knowledge().ReindexAsync();
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "rain.txt"), "Weather Report\nSnow fell across the country all week.");
        server.FailWith = 500;

        var run = await services.Knowledge().ReindexAsync();

        Assert.False(run.Succeeded);
        Assert.NotNull(run.Error);
        Assert.Equal("rain.txt", (await services.Searcher().SearchAsync("rain fell", 1)).Hits[0].Passage.Chunk.Source);
    }
}
