using System.Text.Json;

namespace TalksBot.Tests.Cli;

/// <summary>The console verbs as a person runs them: the real program in its own process, configured by environment variables.</summary>
public class CliTests
{
    static Task<(int Exit, string Out, string Err)> Run(TestKnowledgeBase kb, params string[] args) =>
        TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database }, args);

    [Fact]
    public async Task IndexThenStatusReportTheSourcesAtTheConfiguredPaths()
    {
        using var kb = new TestKnowledgeBase();
        var (exit, output, _) = await Run(kb, "index");
        Assert.Equal(0, exit);
        Assert.Contains("5 added, 0 changed, 0 removed, 0 unchanged", output);
        Assert.True(File.Exists(kb.Database));

        (exit, output, _) = await Run(kb, "index");
        Assert.Contains("0 added, 0 changed, 0 removed, 5 unchanged", output);

        Assert.Equal(0, (await Run(kb, "ask", "Who is Rustem Umerov?")).Exit);
        (exit, output, _) = await Run(kb, "status");
        Assert.Equal(0, exit);
        Assert.Contains("5 sources", output);
        Assert.Contains("003_5beee2cfb4e9681c.txt", output);
        Assert.Contains(kb.Database, output);
        Assert.Contains("Last index run", output);
        Assert.Contains("Sentence vectors: not read (careful mode and the offline dense signal are off)", output);
        // Asking, and status itself, only opened the index: the two `index` runs are all there is to show.
        Assert.Equal(2, (await kb.Start().Knowledge().Store.RunsAsync(10)).Count);
    }

    [Fact]
    public async Task AFirstBuildIsSaidOnStderrAndOnlyThen()
    {
        using var kb = new TestKnowledgeBase();
        var first = await Run(kb, "ask", "Who is Rustem Umerov?");
        Assert.Equal(0, first.Exit);
        Assert.Contains("Building the index from 5 sources…", first.Err);
        Assert.DoesNotContain("Building", first.Out);
        var second = await Run(kb, "ask", "Who is Rustem Umerov?");
        Assert.DoesNotContain("Building the index", second.Err);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task APortInUseIsOneLineNamingTheSetting()
    {
        using var kb = new TestKnowledgeBase();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = $"http://127.0.0.1:{port}",
        }, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains($"127.0.0.1:{port}"));
        Assert.Contains("Serve:Urls", line);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task SearchJsonPrintsOneObjectWithPassagesAndScoresPerSignal()
    {
        using var kb = new TestKnowledgeBase();
        var (exit, output, _) = await Run(kb, "search", "prisoner exchange", "--json", "-k", "3");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var passages = json.RootElement.GetProperty("passages");
        Assert.Equal(3, passages.GetArrayLength());
        var first = passages[0];
        Assert.EndsWith(".txt", first.GetProperty("source").GetString());
        Assert.True(first.GetProperty("signals").TryGetProperty("bm25", out _));
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--jsn", "Who is Rustem Umerov?")]
    public async Task AnUnknownOptionOfAskIsAnErrorNamingItNotAQuestion(params string[] args)
    {
        using var kb = new TestKnowledgeBase();
        var (exit, output, error) = await Run(kb, ["ask", .. args]);
        Assert.NotEqual(0, exit);
        Assert.Contains($"{args[0]} is not an option of ask", error);
        Assert.Contains("--json", error);
        Assert.DoesNotContain("[1]", output); // no answer: the usage, not a reply to "--frobnicate"
    }

    [Fact]
    public async Task ControlCharactersOfAQuestionAreNotWrittenToTheTerminal()
    {
        using var kb = new TestKnowledgeBase();
        var (exit, output, error) = await Run(kb, "ask", "What did Zorblax\u001b[2J\u0007 say?");
        Assert.Equal(0, exit);
        Assert.Contains("Zorblax", output); // the refusal names the unknown name…
        Assert.DoesNotContain('\u001b', output + error); // …without the escape sequence that would clear the screen
        Assert.DoesNotContain('\u0007', output + error);
    }

    [Fact]
    public async Task AnEmptyQueryIsAClearErrorWithANonZeroExit()
    {
        using var kb = new TestKnowledgeBase();
        var (exit, output, error) = await Run(kb, "search", "  ");
        Assert.Equal(2, exit);
        Assert.Contains("empty", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task AMissingSeedsFolderFailsTheIndexVerbWithAMessage()
    {
        using var kb = new TestKnowledgeBase();
        Directory.Delete(kb.Seeds, recursive: true);
        var (exit, output, _) = await Run(kb, "index");
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", output);
    }

    [Fact]
    public async Task ABadSettingIsReportedAtStartWithTheKeyToFix()
    {
        using var kb = new TestKnowledgeBase();
        var (exit, _, error) = await TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__INDEX__CHUNKTARGETCHARS"] = "5",
        }, "status");
        Assert.Equal(2, exit);
        Assert.Contains("Index:ChunkTargetChars", error);
    }
}
