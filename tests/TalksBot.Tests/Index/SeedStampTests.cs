using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;

namespace TalksBot.Tests.Index;

/// <summary>
/// A seed file whose size and modification time are those it was indexed with is not read again (as git
/// treats its working tree); an edit shows in either, `--full` reads everything, and a file written just
/// before it was indexed is read every time until it has settled.
/// </summary>
public class SeedStampTests
{
    static readonly DateTime LongAgo = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    static async Task<string> WriteAsync(TestKnowledgeBase kb, string text, DateTime? modified)
    {
        var path = Path.Combine(kb.Seeds, "a.txt");
        await File.WriteAllTextAsync(path, text);
        if (modified is { } at) File.SetLastWriteTimeUtc(path, at);
        return path;
    }

    static async Task<(IndexRun Run, string Source)> ReindexAsync(TestKnowledgeBase kb, bool full = false)
    {
        var services = kb.Start();
        var run = await services.Knowledge().ReindexAsync(full);
        var index = await services.Knowledge().GetAsync();
        kb.Stop();
        return (run, index.Chunks.Single().Chunk.Text);
    }

    [Fact]
    public async Task AFileLookingAsIndexedIsNotReadAgainAndFullReadsIt()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await WriteAsync(kb, "Harbour News\nThe harbour opened on Monday.", LongAgo);
        Assert.Equal(1, (await ReindexAsync(kb)).Run.Added);

        // Same size, same time, other bytes: only a stamp that was believed explains the old text coming back.
        await WriteAsync(kb, "Harbour News\nThe harbour closed on Monday.", LongAgo);
        var (kept, text) = await ReindexAsync(kb);
        Assert.Equal((0, 1), (kept.Changed, kept.Unchanged));
        Assert.Contains("opened", text);

        var (full, reread) = await ReindexAsync(kb, full: true);
        Assert.Equal(1, full.Changed);
        Assert.Contains("closed", reread);
    }

    [Fact]
    public async Task AnEditShowsInTheTimeOrTheSize()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await WriteAsync(kb, "Harbour News\nThe harbour opened on Monday.", LongAgo);
        await ReindexAsync(kb);

        await WriteAsync(kb, "Harbour News\nThe harbour closed on Monday.", LongAgo.AddSeconds(1));
        var (byTime, text) = await ReindexAsync(kb);
        Assert.Equal(1, byTime.Changed);
        Assert.Contains("closed", text);

        await WriteAsync(kb, "Harbour News\nThe harbour closed on Tuesday.", LongAgo.AddSeconds(1));
        var (bySize, longer) = await ReindexAsync(kb);
        Assert.Equal(1, bySize.Changed);
        Assert.Contains("Tuesday", longer);
    }

    [Fact]
    public async Task AFileWrittenJustBeforeIndexingIsReadUntilItSettles()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var path = await WriteAsync(kb, "Harbour News\nThe harbour opened on Monday.", modified: null);
        await ReindexAsync(kb);
        var justWritten = File.GetLastWriteTimeUtc(path);

        // Rewritten within the same instant as far as size and time can tell: read anyway, as it had no stamp.
        await WriteAsync(kb, "Harbour News\nThe harbour closed on Monday.", justWritten);
        var (run, text) = await ReindexAsync(kb);
        Assert.Equal(1, run.Changed);
        Assert.Contains("closed", text);
    }

    /// <summary>A file first indexed unsettled, or touched since, gets its stamp on a later run that finds it unchanged and settled.</summary>
    [Fact]
    public async Task AnUnchangedFileIsStampedOnceItHasSettled()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var path = await WriteAsync(kb, "Harbour News\nThe harbour opened on Monday.", modified: null);
        await ReindexAsync(kb);
        File.SetLastWriteTimeUtc(path, LongAgo); // as if time had passed since: settled, but not the time it was indexed with
        await ReindexAsync(kb);                  // read (the time differs), unchanged, stamped

        var stored = kb.Start().Knowledge().Store;
        var source = Assert.Single(await stored.SourcesAsync());
        Assert.Equal((new FileInfo(path).Length, LongAgo.Ticks), (source.Size, source.Modified));
        kb.Stop();

        File.SetLastWriteTimeUtc(path, LongAgo.AddHours(1)); // touched: the same bytes, a new time
        var (touched, _) = await ReindexAsync(kb);
        Assert.Equal(1, touched.Unchanged);
        source = Assert.Single(await kb.Start().Knowledge().Store.SourcesAsync());
        Assert.Equal(LongAgo.AddHours(1).Ticks, source.Modified);
    }
}
