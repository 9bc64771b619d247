using TalksBot.Bench;

namespace TalksBot.Tests.Search;

public class RetrievalRecallTests
{
    [Fact]
    public async Task AGoldSourceIsAmongTheFirstFivePassagesForAtLeast95PercentOfDevQuestions()
    {
        var devSet = DevSet.Find();
        Assert.True(devSet is not null, "../shared/eval/dev.jsonl was not found beside the repository");
        using var kb = new TestKnowledgeBase();
        var searcher = kb.Start().Searcher();

        var (recalled, _, answerable, misses) = await DevSet.MeasureAsync(DevSet.Load(devSet), q => searcher.SearchAsync(q));

        Assert.True(answerable >= 30, $"only {answerable} answerable questions read");
        Assert.True(recalled * 100 >= 95 * answerable, $"recall@5 {recalled}/{answerable}; misses: {string.Join(", ", misses)}");
    }
}
