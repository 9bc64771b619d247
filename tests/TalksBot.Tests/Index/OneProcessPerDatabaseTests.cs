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
            var refused = await TalksBotProcess.RunAsync(kb.Root, viaLink, "status");
            Assert.Equal(1, refused.Exit);
            Assert.Contains("is in use by process ", refused.Err);
        }
        finally
        {
            await serve.StopAsync();
            serve.Kill();
        }
    }

    [Fact]
    public async Task VerbsRunAgainstALiveServeAreRefusedByNameAndTheStoreStaysIntact()
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
            string[][] verbs = [["ask", "Who is Rustem Umerov?"], ["status"], ["index", "--full"], ["serve"]];
            foreach (var args in Enumerable.Repeat(verbs, 3).SelectMany(v => v))
            {
                using var verb = Process.Start(BotProcess.StartInfo(kb.Root, environment, args))!;
                var error = await verb.StandardError.ReadToEndAsync();
                await verb.WaitForExitAsync();
                Assert.Equal(1, verb.ExitCode);
                Assert.Contains("is in use by process ", error);
                Assert.Contains("(TalksBot serve)", error);
                Assert.DoesNotContain("   at ", error); // a message, not a stack trace
            }
            Assert.Empty(serve.Errors);
        }
        finally
        {
            await serve.StopAsync();
            serve.Kill();
        }

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
