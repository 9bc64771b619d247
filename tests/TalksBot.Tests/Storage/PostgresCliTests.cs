using System.Net;
using System.Net.Sockets;

namespace TalksBot.Tests.Storage;

/// <summary>The console verbs on PostgreSQL, as an operator runs them: a database away or mistyped is one clear message, never its password.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCliTests(PostgresFixture postgres)
{
    static Dictionary<string, string> Environment(TestKnowledgeBase kb, string connection) => new()
    {
        ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
        ["TALKSBOT__STORAGE__PROVIDER"] = "postgres", ["TALKSBOT__CONNECTIONSTRINGS__POSTGRES"] = connection,
    };

    [Fact]
    public async Task IndexStatusAndAskWorkOnTheSharedDatabaseAndNoLiteDbFileIsMade()
    {
        using var kb = new TestKnowledgeBase();
        var environment = Environment(kb, (await postgres.NewDatabaseAsync())["ConnectionStrings:Postgres"]!);
        var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, environment, "index");
        Assert.True(exit == 0, error);
        Assert.Contains("Database: postgres://127.0.0.1:", output);
        (exit, output, _) = await TalksBotProcess.RunAsync(kb.Root, environment, "config", "check");
        Assert.Equal(0, exit);
        Assert.Contains("storage: PostgreSQL at postgres://127.0.0.1:", output);
        (exit, output, _) = await TalksBotProcess.RunAsync(kb.Root, environment, "ask", "--json", "Who is Rustem Umerov?");
        Assert.Equal(0, exit);
        Assert.False(System.Text.Json.Nodes.JsonNode.Parse(output)!["refused"]!.GetValue<bool>());
        Assert.False(File.Exists(kb.Database));
    }

    [Fact]
    public async Task TheVectorsOneProcessEmbedsAnotherReadsFromTheSharedDatabase()
    {
        using var kb = new TestKnowledgeBase();
        var environment = Environment(kb, (await postgres.NewDatabaseAsync())["ConnectionStrings:Postgres"]!);
        environment["TALKSBOT__ANSWER__GATE"] = "true";
        var (exit, _, error) = await TalksBotProcess.RunAsync(kb.Root, environment, "index");
        Assert.True(exit == 0, error);
        Assert.Contains("embedding", error);

        // `status` embeds nothing: what it counts as embedded, it read from PostgreSQL.
        (exit, var output, error) = await TalksBotProcess.RunAsync(kb.Root, environment, "status");
        Assert.True(exit == 0, error);
        var state = System.Text.RegularExpressions.Regex.Match(output, @"Sentence vectors: ([\d,]+) of ([\d,]+) sentences embedded");
        Assert.True(state.Success, output);
        Assert.Equal(state.Groups[2].Value, state.Groups[1].Value);
        Assert.True(int.Parse(state.Groups[2].Value.Replace(",", "")) > 100);
        Assert.False(File.Exists(kb.Database + ".vectors"));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReachedIsOneMessageWithoutThePassword()
    {
        using var kb = new TestKnowledgeBase();
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        var environment = Environment(kb, $"Host=127.0.0.1;Port={port};Username=talksbot;Password=hunter2-secret;Database=talksbot;Timeout=3");
        foreach (var verb in new[] { "status", "serve" })
        {
            var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, environment, verb);
            Assert.Equal(1, exit);
            Assert.Contains("The PostgreSQL database (ConnectionStrings:Postgres) could not be used", error);
            Assert.DoesNotContain("hunter2-secret", output + error);
            Assert.DoesNotContain("   at ", error); // no stack trace
        }
        var (checkExit, checkOutput, _) = await TalksBotProcess.RunAsync(kb.Root, environment, "config", "check");
        Assert.Equal(2, checkExit);
        Assert.Contains("could not be used", checkOutput);
        Assert.DoesNotContain("hunter2-secret", checkOutput);
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsAConfigurationError()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var environment = Environment(kb, "");
        var (exit, _, error) = await TalksBotProcess.RunAsync(kb.Root, environment, "status");
        Assert.Equal(2, exit);
        Assert.Contains("ConnectionStrings:Postgres", error);
    }
}
