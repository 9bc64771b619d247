using TalksBot.Bench;
using System.Diagnostics;

namespace TalksBot.Tests.Index;

/// <summary>The `index` verb killed (SIGKILL) at several points of a large reindex: the store must hold the old index or the new one whole.</summary>
public class KilledReindexTests
{
    const int Files = 1500;

    static string Article(int i, string edition) =>
        $"Report {i}\n" + string.Concat(Enumerable.Range(0, 12).Select(s => $"The {edition} edition reports harbour item {i} in paragraph {s} with some more words to index. "));

    // The kill points are set by what the run says it is doing (a line on stderr as it enters each
    // phase), not by timers, which on a fast machine land after the run has finished: while reading,
    // right as the one write transaction begins, and a little into it.
    [Theory]
    [InlineData("reading", 100)]
    [InlineData("writing", 0)]
    [InlineData("writing", 5)]
    [InlineData("writing", 20)]
    [InlineData("writing", 60)]
    public async Task AKilledReindexLeavesTheOldOrTheNewIndexWhole(string phase, int killAfterMs)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:0000}.txt"), Article(i, "alpha"));
        await kb.Start().Knowledge().ReindexAsync();
        kb.Stop();

        // A run may still finish before the kill lands (the test reads the run's line late on a busy machine):
        // then it is run again, on the other edition, until a kill cuts one short.
        var cut = false;
        for (var attempt = 0; attempt < 4 && !cut; attempt++)
        {
            for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, $"{i:0000}.txt"), Article(i, attempt % 2 == 0 ? "beta" : "alpha"));
            var start = BotProcess.StartInfo(kb.Root, new Dictionary<string, string>
            {
                ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
            }, "index", "--full");
            using var process = Process.Start(start)!;
            var reached = false;
            while (await process.StandardError.ReadLineAsync() is { } line)
                if (line.StartsWith(phase + " ", StringComparison.Ordinal)) { reached = true; break; }
            Assert.True(reached, $"the run never said it was {phase}");
            if (killAfterMs > 0) await Task.Delay(killAfterMs);
            process.Kill(); // SIGKILL on Linux: no cleanup runs
            await process.WaitForExitAsync();
            cut = process.ExitCode != 0;
        }
        Assert.True(cut, "every run finished before the kill landed");

        // Only read the store: a reindex here would repair it and hide what the kill left.
        var store = kb.Start().Knowledge().Store;
        var editions = (await store.ReadAsync()).Chunks.Select(c => c.Indexed.Chunk.Text.Contains("alpha") ? "alpha" : "beta").Distinct().ToList();
        Assert.Single(editions);
        Assert.Equal(Files, (await store.SourcesAsync()).Count);
        Assert.Equal(Files, (await store.ReadAsync()).Chunks.Select(c => c.Indexed.Chunk.Source).Distinct().Count());
    }
}
