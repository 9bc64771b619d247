using System.Text.Json;
using TalksBot.Train;

namespace TalksBot.Tests.Train;

/// <summary>The careful mode's trainer: it learns what the rows say, and the same rows give the same model.</summary>
public class BoostingTests
{
    // The first feature decides, above 0.6 and with the second one also high; the third is noise.
    static List<Row> Rows()
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, 600).Select(_ =>
        {
            var f = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
            return new Row(f, f[0] > 0.6 && f[1] > 0.3, 1);
        })];
    }

    [Fact]
    public void TheTreesLearnTheRuleBehindTheLabels()
    {
        var model = Boosting.Fit(Rows(), [true, true, true], new BoostingOptions());
        Assert.True(model.Probability([0.9f, 0.8f, 0.5f]) > 0.9);
        Assert.True(model.Probability([0.2f, 0.8f, 0.5f]) < 0.1);
        Assert.True(model.Probability([0.9f, 0.1f, 0.5f]) < 0.1);
    }

    [Fact]
    public void AFeatureLeftOutIsNeverSplitOn()
    {
        var model = Boosting.Fit(Rows(), [false, true, true], new BoostingOptions());
        Assert.DoesNotContain(model.Trees.SelectMany(t => t.Feature), f => f == 0);
        Assert.InRange(model.Probability([0.9f, 0.8f, 0.5f]), 0.05, 0.95);
    }

    [Fact]
    public void TheSameRowsGiveTheSameModel()
    {
        var first = JsonSerializer.Serialize(Boosting.Fit(Rows(), [true, true, true], new BoostingOptions()));
        var second = JsonSerializer.Serialize(Boosting.Fit(Rows(), [true, true, true], new BoostingOptions()));
        Assert.Equal(first, second);
    }
}
