using TalksBot.Bench;
using System.Diagnostics;

namespace TalksBot.Tests.Index;

/// <summary>The `index` verb killed (SIGKILL) at several points of a large reindex: the store must hold the old index or the new one whole.</summary>
public class KilledReindexTests
{
    const int Files = 1500;

    static string Article(int i, string edition) =>
        $"Report {i}\n" + string.Concat(Enumerable.Range(0, 12).Select(s => $"The {edition} edition reports harbour item {i} in paragraph {s} with some more words to index. "));

    // A run takes about 3 s here: start-up, reading and analysing, then one write transaction near
    // the end. The kill points sweep across all three; each must leave a whole index.
    [Theory]
    [InlineData(700)]
    [InlineData(1600)]
    [InlineData(2200)]
    [InlineData(2500)]
    [InlineData(2800)]
    public async Task AKilledReindexLeavesTheOldOrTheNewIndexWhole(int killAfterMs)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:0000}.txt"), Article(i, "alpha"));
        await kb.Start().Knowledge().ReindexAsync();
        kb.Stop();
        for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:0000}.txt"), Article(i, "beta"));

        var start = BotProcess.StartInfo(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
        }, "index");
        using (var process = Process.Start(start)!)
        {
            await Task.Delay(killAfterMs);
            process.Kill(); // SIGKILL on Linux: no cleanup runs
            await process.WaitForExitAsync();
        }

        // Only read the store: a reindex here would repair it and hide what the kill left.
        var store = kb.Start().Knowledge().Store;
        var editions = store.Chunks().Select(c => c.Text.Contains("alpha") ? "alpha" : "beta").Distinct().ToList();
        Assert.Single(editions);
        Assert.Equal(Files, store.Sources().Count);
        Assert.Equal(Files, store.Chunks().Select(c => c.Source).Distinct().Count());
    }
}
