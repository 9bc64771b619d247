using TalksBot.Answer;
using TalksBot.Conversations;
using TalksBot.Discord;
using TalksBot.Questions;

namespace TalksBot.Tests.Storage;

/// <summary>Conversations, the questions log and Discord's seen interactions: the same on both stores, shared by replicas on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnswerStoresContractTests(PostgresFixture postgres)
{
    static readonly Dictionary<string, string?> Settings = new()
    {
        ["Answer:ConversationTurns"] = "2",
        ["Discord:PublicKey"] = new string('a', 64),
        ["Discord:ApplicationId"] = "1",
    };

    static ConversationTurn Turn(string question, DateTime at) => new(question, "answer to " + question, false, at);

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task AConversationKeepsItsLastTurnsApartFromOthers(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Settings);
        var store = replicas.Get<IConversationStore>();
        var now = DateTime.UtcNow;
        foreach (var q in new[] { "one", "two", "three" }) await store.AppendAsync("telegram:1", Turn(q, now));
        await store.AppendAsync("telegram:2", Turn("other", now));
        Assert.Equal(["two", "three"], (await store.RecentAsync("telegram:1")).Select(t => t.Question));
        Assert.Equal(["other"], (await store.RecentAsync("telegram:2")).Select(t => t.Question));
        Assert.Empty(await store.RecentAsync("telegram:3"));

        // A conversation quiet for longer than Answer:ConversationMinutes starts again.
        await store.AppendAsync("telegram:4", Turn("old", now.AddHours(-2)));
        Assert.Empty(await store.RecentAsync("telegram:4"));
        await store.AppendAsync("telegram:4", Turn("new", now));
        Assert.Equal(["new"], (await store.RecentAsync("telegram:4")).Select(t => t.Question));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task TheQuestionsLogIsFilteredPagedAndHashesUsers(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, settings: Settings);
        var log = replicas.Get<IQuestionLog>();
        for (var i = 0; i < 7; i++)
            log.Record(new QuestionRecord { At = DateTime.UtcNow, FrontEnd = i % 2 == 0 ? "telegram" : "discord", Question = $"question {i}", Answer = "an answer", Refused = i == 3, Sources = ["a.txt"], Engine = "extractive" }, "telegram:42");
        log.Record(new QuestionRecord { At = DateTime.UtcNow, FrontEnd = "admin", Question = "what is 100% sure_ly?", Answer = "-", Engine = "extractive" }, null);

        var all = await log.FindAsync(new QuestionQuery(Size: 3));
        Assert.Equal(8, all.Total);
        Assert.Equal(["what is 100% sure_ly?", "question 6", "question 5"], all.Items.Select(r => r.Question));
        Assert.Equal(["question 4", "question 3", "question 2"], (await log.FindAsync(new QuestionQuery(Page: 1, Size: 3))).Items.Select(r => r.Question));
        Assert.Equal(["question 3"], (await log.FindAsync(new QuestionQuery(RefusedOnly: true))).Items.Select(r => r.Question));
        Assert.Equal(3, (await log.FindAsync(new QuestionQuery(FrontEnd: "discord"))).Total);
        // The search is for the text as typed: % and _ are not wildcards.
        Assert.Equal(1, (await log.FindAsync(new QuestionQuery(Text: "100% SURE_"))).Total);
        Assert.Equal(0, (await log.FindAsync(new QuestionQuery(Text: "100%%"))).Total);

        var users = all.Items.Concat((await log.FindAsync(new QuestionQuery(Page: 1, Size: 3))).Items).Select(r => r.User).Distinct().ToList();
        Assert.Equal(2, users.Count); // one hash for the one user, null for the admin's question
        // A keyed hash, not the id (a hex digest holds "42" one time in sixteen, so that is not what is checked).
        Assert.Matches("^[0-9a-f]{16}$", Assert.Single(users, u => u is not null));
        Assert.DoesNotContain(users, u => u is not null && u.Contains("telegram"));
    }

    [Fact]
    public async Task ReplicasShareOneQuestionsLogWithOneHashPerUser()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, Settings);
        var (a, b) = (replicas.Get<IQuestionLog>(0), replicas.Get<IQuestionLog>(1));
        a.Record(new QuestionRecord { At = DateTime.UtcNow, FrontEnd = "telegram", Question = "on a", Answer = "-", Engine = "e" }, "telegram:7");
        b.Record(new QuestionRecord { At = DateTime.UtcNow, FrontEnd = "telegram", Question = "on b", Answer = "-", Engine = "e" }, "telegram:7");
        await a.FindAsync(new QuestionQuery()); // writes a's pending entry
        var seen = (await b.FindAsync(new QuestionQuery())).Items;
        Assert.Equal(["on a", "on b"], seen.Select(r => r.Question).Order());
        Assert.Single(seen.Select(r => r.User).Distinct());
    }

    [Theory]
    [InlineData("litedb", 1)]
    [InlineData("postgres", 1)]
    [InlineData("postgres", 2)]
    public async Task AnInteractionIsFirstSeenOnceWhicheverReplicaItReaches(string provider, int replicas)
    {
        using var hosts = await TestReplicas.StartAsync(postgres, provider, replicas, Settings);
        var seen = Enumerable.Range(0, replicas).Select(hosts.Get<ISeenInteractions>).ToList();
        var firsts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => seen[i % seen.Count].FirstTimeAsync("1234567890")));
        Assert.Single(firsts, f => f);
        Assert.True(await seen[^1].FirstTimeAsync("1234567891"));
    }
}
