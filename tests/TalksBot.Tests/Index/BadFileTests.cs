using System.Text;

namespace TalksBot.Tests.Index;

public class BadFileTests
{
    [Fact]
    public async Task BadFilesAreNamedAndSkippedWhileTheRestIsIndexed()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        string Seed(string name) => Path.Combine(kb.Seeds, name);
        await File.WriteAllTextAsync(Seed("good.txt"), "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllTextAsync(Seed("empty.txt"), "  \n\n ");
        await File.WriteAllBytesAsync(Seed("binary.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A, 0x00, 0x01]);
        await File.WriteAllBytesAsync(Seed("latin1.md"), Encoding.Latin1.GetBytes("Caf\u00e9 News\nThe caf\u00e9 opened.")); // é as one byte: not UTF-8
        await using (var huge = File.Create(Seed("huge.txt")))
        {
            var line = Encoding.UTF8.GetBytes("This line repeats to make a file of tens of megabytes.\n");
            for (var written = 0; written < 30_000_000; written += line.Length) huge.Write(line);
        }
        await File.WriteAllTextAsync(Seed("furniture.txt"), "Leave a Reply\nShare, Email, Print, Copy Link\n");
        await File.WriteAllTextAsync(Seed("notes.pdf"), "not a PDF at all");
        await File.WriteAllTextAsync(Seed("slides.odp"), "not a kind that is read");

        var services = kb.Start();
        var run = await services.Knowledge().ReindexAsync();

        Assert.True(run.Succeeded);
        Assert.Equal(1, run.Added);
        Assert.Contains(run.Problems, p => p.StartsWith("empty.txt is empty"));
        Assert.Contains(run.Problems, p => p.StartsWith("binary.txt looks like a binary file"));
        Assert.Contains(run.Problems, p => p.StartsWith("latin1.md is not valid UTF-8"));
        Assert.Contains(run.Problems, p => p.StartsWith("huge.txt is 30 MB, over the 2 MB limit"));
        Assert.Contains(run.Problems, p => p.StartsWith("furniture.txt has no article text"));
        Assert.Contains(run.Problems, p => p.StartsWith("notes.pdf cannot be read as PDF") && p.EndsWith("it is not indexed."));
        Assert.Contains("slides.odp is not read: sources are .txt, .md, .html, .htm, .pdf, .docx files.", run.Problems);
        Assert.Equal(7, run.Problems.Count);
        Assert.Equal(["good.txt"], (await services.Knowledge().Store.SourcesAsync()).Select(s => s.Id));
    }

    /// <summary>
    /// A root-owned lost+found, a file the service may not read, a pipe and a dangling link: `index`, run
    /// as a user without the rights (nobody, when the tests run as root), names each and goes on, and
    /// what it indexed before from a folder it can no longer read stays in the index.
    /// </summary>
    [Fact]
    public async Task UnreadableEntriesAreNamedAndPassedOverWithoutLosingWhatWasIndexedFromThem()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        string Seed(string name) => Path.Combine(kb.Seeds, name);
        Directory.CreateDirectory(Seed("sub"));
        await File.WriteAllTextAsync(Seed("good.txt"), "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllTextAsync(Seed("sub/ferry.txt"), "Ferry News\nThe ferry sailed on Tuesday.");
        var environment = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database };
        var first = await RunAsUnprivilegedAsync(kb, environment, "index");
        Assert.True(first.Exit == 0, first.Out + first.Err);

        Directory.CreateDirectory(Seed("lost+found"));
        await File.WriteAllTextAsync(Seed("lost+found/old.txt"), "Old News\nThe old pier closed.");
        await File.WriteAllTextAsync(Seed("secret.txt"), "Secret News\nThe vault opened.");
        File.SetUnixFileMode(Seed("secret.txt"), UnixFileMode.None);
        foreach (var folder in new[] { "lost+found", "sub" }) File.SetUnixFileMode(Seed(folder), UnixFileMode.None);
        File.CreateSymbolicLink(Seed("gone.txt"), "/nonexistent/gone.txt");
        using (var fifo = System.Diagnostics.Process.Start("mkfifo", [Seed("pipe.txt")]))
        {
            await fifo.WaitForExitAsync();
            Assert.Equal(0, fifo.ExitCode);
        }

        var (exit, output, error) = await RunAsUnprivilegedAsync(kb, environment, "index");
        Assert.True(exit == 0, output + error);
        Assert.Contains("lost+found/ cannot be read", output);
        Assert.Contains("sub/ cannot be read; it is passed over, and what was indexed from it is kept", output);
        Assert.Contains("secret.txt cannot be read", output);
        Assert.Contains("gone.txt cannot be read", output);
        Assert.Contains("pipe.txt is empty", output);
        Assert.Contains("Indexed 2 sources", output);
        Assert.DoesNotContain("Unhandled", error);
    }

    const int Nobody = 65534;

    /// <summary>The program as a user that the folder's modes apply to: root reads everything, so root runs it as nobody.</summary>
    static Task<(int Exit, string Out, string Err)> RunAsUnprivilegedAsync(TestKnowledgeBase kb, Dictionary<string, string> environment, params string[] args)
    {
        if (Environment.UserName != "root") return TalksBotProcess.RunAsync(kb.Root, environment, args);
        // nobody must reach the folder and write the database beside it.
        File.SetUnixFileMode(kb.Root, (UnixFileMode)0b111_111_111);
        return TalksBotProcess.RunAsAsync(Nobody, kb.Root, environment, args);
    }

    [Fact]
    public async Task AFileThatTurnsBadKeepsItsIndexedVersion()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var path = Path.Combine(kb.Seeds, "a.txt");
        await File.WriteAllTextAsync(path, "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "b.txt"), "Bridge News\nThe bridge closed.");
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();

        await File.WriteAllBytesAsync(path, [0xFF, 0xFE, 0x00, 0x41]);
        var run = await services.Knowledge().ReindexAsync();

        Assert.True(run.Succeeded);
        Assert.Contains(run.Problems, p => p.Contains("a.txt") && p.Contains("indexed version is kept"));
        Assert.Equal(0, run.Removed);
        Assert.Single((await services.Searcher().SearchAsync("harbour opened", 1)).Hits, h => h.Passage.Chunk.Source == "a.txt");
    }

    [Fact]
    public async Task AMetadataFileOverridesWhatTheTextSaysAndABrokenOneIsReported()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "a.txt"), "Harbour News\nThe harbour opened on Monday.\nSource: Daily Example");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "sources.json"), """{ "a.txt": { "outlet": "The Example Post", "url": "https://example.org/a" } }""");
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        var source = Assert.Single(await services.Knowledge().Store.SourcesAsync());
        Assert.Equal(("Harbour News", "The Example Post", "https://example.org/a"), (source.Title, source.Outlet, source.Url));

        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "sources.json"), "{ not json");
        var run = await services.Knowledge().ReindexAsync();
        Assert.Contains(run.Problems, p => p.StartsWith("sources.json is ignored"));
        Assert.Equal("Daily Example", (await services.Knowledge().Store.SourcesAsync())[0].Outlet);
    }
}
