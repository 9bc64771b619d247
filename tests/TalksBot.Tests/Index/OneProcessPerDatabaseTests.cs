using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Bench;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Tests.Index;

/// <summary>Two processes on one LiteDB file corrupt it; the second is turned away at once, by name, and the store stays whole.</summary>
public class OneProcessPerDatabaseTests
{
    /// <summary>A link to the database file is the same database: usable through it, and under the same lock.</summary>
    [Fact]
    public async Task TheDatabaseReachedThroughALinkIsTheSameDatabase()
    {
        using var kb = new TestKnowledgeBase();
        var linked = Path.Combine(kb.Root, "linked.db");
        var direct = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0" };
        var viaLink = new Dictionary<string, string>(direct) { ["TALKSBOT__INDEX__DATABASEPATH"] = linked };
        Assert.Equal(0, (await TalksBotProcess.RunAsync(kb.Root, direct, "index")).Exit);
        File.CreateSymbolicLink(linked, kb.Database);

        var status = await TalksBotProcess.RunAsync(kb.Root, viaLink, "status");
        Assert.True(status.Exit == 0, status.Out + status.Err);
        Assert.Contains("5 sources", status.Out);

        var serve = new BotProcess(kb.Root, direct);
        try
        {
            await serve.StartAsync();
            var through = await TalksBotProcess.RunAsync(kb.Root, viaLink, "status");
            Assert.True(through.Exit == 0, through.Err);
            Assert.Contains("5 sources", through.Out);
            var refused = await TalksBotProcess.RunAsync(kb.Root, viaLink, "serve");
            Assert.Equal(1, refused.Exit);
            Assert.Contains("is in use by process ", refused.Err);
        }
        finally
        {
            await serve.StopAsync();
            serve.Kill();
        }
    }

    static async Task<(int Exit, string Out, string Err)> RunAsync(TestKnowledgeBase kb, Dictionary<string, string> environment, params string[] args)
    {
        using var verb = Process.Start(BotProcess.StartInfo(kb.Root, environment, args))!;
        var output = verb.StandardOutput.ReadToEndAsync();
        var error = await verb.StandardError.ReadToEndAsync();
        await verb.WaitForExitAsync();
        return (verb.ExitCode, await output, error);
    }

    /// <summary>
    /// With serve holding the file, the verbs that read or update the index go through it (the address and
    /// token it wrote beside the database) instead of opening the file; a second serve is refused by name.
    /// </summary>
    [Fact]
    public async Task VerbsRunAgainstALiveServeGoThroughItAndASecondServeIsRefusedByName()
    {
        using var kb = new TestKnowledgeBase();
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
        };
        var serve = new BotProcess(kb.Root, environment);
        try
        {
            await serve.StartAsync();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kb.Database + ".owner"));
            for (var round = 0; round < 2; round++)
            {
                var ask = await RunAsync(kb, environment, "ask", "Who is Rustem Umerov?");
                Assert.True(ask.Exit == 0, ask.Err);
                Assert.Contains("Rustem Umerov", ask.Out);
                Assert.Contains("[1] ", ask.Out);
                var json = await RunAsync(kb, environment, "ask", "--json", "Who is Rustem Umerov?");
                Assert.False(System.Text.Json.Nodes.JsonNode.Parse(json.Out)!["refused"]!.GetValue<bool>());
                var status = await RunAsync(kb, environment, "status");
                Assert.Contains("5 sources", status.Out);
                var index = await RunAsync(kb, environment, "index", "--full");
                Assert.True(index.Exit == 0, index.Err);
                Assert.Contains("(full rebuild)", index.Out);
                var search = await RunAsync(kb, environment, "search", "Umerov");
                Assert.Contains("chunk", search.Out);
                var empty = await RunAsync(kb, environment, "search", "");
                Assert.Equal(2, empty.Exit); // an error of the verb is the verb's, from wherever it ran

                var second = await RunAsync(kb, environment, "serve");
                Assert.Equal(1, second.Exit);
                Assert.Contains("is in use by process ", second.Err);
                Assert.Contains("(TalksBot serve)", second.Err);
                Assert.DoesNotContain("   at ", second.Err); // a message, not a stack trace
            }
            Assert.Empty(serve.Errors);
        }
        finally
        {
            await serve.StopAsync();
            serve.Kill();
        }
        Assert.False(File.Exists(kb.Database + ".owner"));

        // Once serve has stopped, the file is whole and any verb may open it.
        var services = kb.Start();
        var knowledge = services.Knowledge();
        await knowledge.GetAsync();
        Assert.Equal(5, (await knowledge.Store.SourcesAsync()).Count(s => s.Id.EndsWith(".txt")));
        var answer = await services.GetRequiredService<AnswerService>().AskAsync("Who is Rustem Umerov?");
        Assert.False(answer.Refused);
        Assert.NotEmpty(answer.Citations);
    }

    [Fact]
    public void ASecondOpenerInTheSameProcessIsRefusedToo()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        Directory.CreateDirectory(Path.GetDirectoryName(kb.Database)!);
        using var first = new DatabaseLock(Path.GetFullPath(kb.Database));
        var refused = Assert.Throws<DatabaseInUseException>(() => new DatabaseLock(Path.GetFullPath(kb.Database)));
        Assert.Contains($"process {Environment.ProcessId}", refused.Message);
    }

    [Fact]
    public void TheLockGoesWithItsHolder()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        Directory.CreateDirectory(Path.GetDirectoryName(kb.Database)!);
        new DatabaseLock(kb.Database).Dispose();
        using var again = new DatabaseLock(kb.Database);
        Assert.True(File.Exists(kb.Database + ".owner"));
    }
}
