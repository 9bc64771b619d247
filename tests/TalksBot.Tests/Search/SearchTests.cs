using TalksBot.Search;

namespace TalksBot.Tests.Search;

public class SearchTests
{
    static async Task<TestKnowledgeBase> WithSources(params (string Name, string Text)[] files)
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        foreach (var (name, text) in files) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, name), text);
        return kb;
    }

    static readonly (string, string)[] Outlets =
    [
        ("a.txt", "Harbour Story\nThe mayor of Kyiv, Vitali Klitschko, opened the harbour.\nThe harbour cost a great deal of money."),
        ("b.txt", "Bridge Story\nPresident Zelenskyy visited the new bridge on Monday.\nThe bridge spans the river."),
        ("c.txt", "Weather Story\nRain fell across the country.\nFarmers welcomed the rain after a long drought."),
    ];

    [Theory]
    [InlineData("Who opened the harbour in Kiev?", "a.txt")]
    [InlineData("What did Zelensky visit?", "b.txt")]
    [InlineData("What did Zelenski visit?", "b.txt")]
    public async Task SpellingVariantsOfNamesFindTheSameSource(string query, string expected)
    {
        using var kb = await WithSources(Outlets);
        var result = await kb.Start().Searcher().SearchAsync(query, 1);
        Assert.Equal(expected, result.Hits[0].Passage.Chunk.Source);
        Assert.Contains(result.Hits[0].Signals, s => s.Signal == "variants");
    }

    [Fact]
    public async Task ADutchQuestionFindsAnEnglishSourceThroughTheDictionary()
    {
        using var kb = await WithSources(Outlets);
        var result = await kb.Start().Searcher().SearchAsync("Wanneer viel de regen?", 1);
        Assert.Equal("nl", result.Language);
        Assert.Equal("c.txt", result.Hits[0].Passage.Chunk.Source);
    }

    [Fact]
    public async Task AnEnglishQuestionFindsADutchSource()
    {
        using var kb = await WithSources(
            ("nl.txt", "Havennieuws\nDe gevangenen werden gisteren vrijgelaten na lange onderhandelingen.\nDe familie was blij."),
            ("en.txt", "Weather Story\nRain fell across the country all week."));
        var result = await kb.Start().Searcher().SearchAsync("When were the prisoners released?", 1);
        Assert.Equal("nl.txt", result.Hits[0].Passage.Chunk.Source);
    }

    [Fact]
    public async Task NearDuplicatePassagesDoNotCrowdOutADifferentRelevantOne()
    {
        var same = "The ministers agreed to exchange prisoners of war next week, officials said.";
        using var kb = await WithSources(
            ("copy1.txt", "Report One\n" + same), ("copy2.txt", "Report Two\n" + same), ("copy3.txt", "Report Three\n" + same),
            ("other.txt", "Report Four\nThe ministers also agreed that the exchange of prisoners would include the wounded."),
            ("noise.txt", "Report Five\nRain fell across the country all week."));
        var result = await kb.Start().Searcher().SearchAsync("What did the ministers agree about prisoners exchange?", 3);
        Assert.Contains(result.Hits, h => h.Passage.Chunk.Source == "other.txt");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task EmptyQueriesGetAClearError(string query)
    {
        using var kb = await WithSources(Outlets);
        var result = await kb.Start().Searcher().SearchAsync(query);
        Assert.Empty(result.Hits);
        Assert.Contains("empty", result.Error);
    }

    [Fact]
    public async Task AHugeQueryGetsAClearErrorNotATruncatedSearch()
    {
        using var kb = await WithSources(Outlets);
        var result = await kb.Start().Searcher().SearchAsync(new string('x', Searcher.MaxQueryChars + 1));
        Assert.Contains("limit", result.Error);
    }

    [Fact]
    public async Task AQueryOfOnlyStopWordsOrSymbolsFindsNothingAndDoesNotFail()
    {
        using var kb = await WithSources(Outlets);
        var searcher = kb.Start().Searcher();
        Assert.Empty((await searcher.SearchAsync("the of and")).Hits);
        Assert.Empty((await searcher.SearchAsync("?!… 🙂 \u0000")).Hits);
    }
}
