using TalksBot.Questions;

namespace TalksBot.Tests.Storage;

/// <summary>Votes, labels, /forget and retention in the questions log: the same on both stores, shared by replicas on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QuestionFeedbackStoreTests(PostgresFixture postgres)
{
    static QuestionRecord Asked(string question, DateTime? at = null) => new()
    {
        Key = QuestionRecord.NewKey(), At = at ?? DateTime.UtcNow, FrontEnd = "telegram", Question = question, Answer = "an answer [1]", Engine = "extractive",
        Sources = ["a.txt"], Citations = [new LoggedCitation(1, "a.txt", "A quote.")],
    };

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task OneVoteAPersonTheNewestWinsAndAnUnknownAnswerChangesNothing(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider);
        var log = replicas.Get<IQuestionLog>();
        var record = Asked("first");
        log.Record(record, "telegram:1");
        log.Record(Asked("second"), "telegram:1");
        var now = DateTime.UtcNow;

        var up = await log.VoteAsync(record.Key, "telegram:2", FeedbackChoice.Helpful, "telegram", now);
        Assert.Equal((true, 1, 0), (up!.Changed, up.Helpful, up.Unhelpful));
        var again = await log.VoteAsync(record.Key, "telegram:2", FeedbackChoice.Helpful, "telegram", now);
        Assert.Equal((false, 1, 0), (again!.Changed, again.Helpful, again.Unhelpful));
        var turned = await log.VoteAsync(record.Key, "telegram:2", FeedbackChoice.Unhelpful, "telegram", now);
        Assert.Equal((true, 0, 1), (turned!.Changed, turned.Helpful, turned.Unhelpful));
        var why = await log.VoteAsync(record.Key, "telegram:2", FeedbackChoice.NotInSources, "telegram", now);
        Assert.Equal((false, 0, 1, VoteReasons.NotInSources), (why!.Changed, why.Helpful, why.Unhelpful, why.Vote.Reason));
        var other = await log.VoteAsync(record.Key, "discord:3", FeedbackChoice.Helpful, "discord", now);
        Assert.Equal((1, 1), (other!.Helpful, other.Unhelpful));
        Assert.Null(await log.VoteAsync(QuestionRecord.NewKey(), "telegram:2", FeedbackChoice.Helpful, "telegram", now));

        var unhelpful = (await log.FindAsync(new QuestionQuery(UnhelpfulOnly: true))).Items;
        var stored = Assert.Single(unhelpful);
        Assert.Equal("first", stored.Question);
        Assert.Equal([new LoggedCitation(1, "a.txt", "A quote.")], stored.Citations);
        Assert.Equal(2, stored.Votes.Count);
        Assert.Equal(VoteReasons.NotInSources, Assert.Single(stored.Votes, v => !v.Helpful).Reason);
        Assert.All(stored.Votes, v => Assert.Matches("^[0-9a-f]{16}$", v.Person));
        Assert.Equal(2, (await log.FindAsync(new QuestionQuery())).Total);
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ForgettingAPersonRemovesTheirQuestionsAndTheirVotesOnlyAndRetentionRemovesTheOld(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider);
        var log = replicas.Get<IQuestionLog>();
        var theirs = Asked("theirs");
        var mine = Asked("mine");
        log.Record(theirs, "telegram:1");
        log.Record(Asked("theirs too"), "telegram:1");
        log.Record(mine, "telegram:2");
        log.Record(Asked("long ago", DateTime.UtcNow.AddDays(-100)), "telegram:2");
        await log.VoteAsync(mine.Key, "telegram:1", FeedbackChoice.Unhelpful, "telegram", DateTime.UtcNow);
        await log.VoteAsync(mine.Key, "telegram:2", FeedbackChoice.Helpful, "telegram", DateTime.UtcNow);

        Assert.Equal(new Forgotten(2, 1), await log.ForgetAsync("telegram:1"));
        var left = (await log.FindAsync(new QuestionQuery())).Items;
        Assert.Equal(["long ago", "mine"], left.Select(r => r.Question).Order());
        Assert.True(Assert.Single(left.Single(r => r.Question == "mine").Votes).Helpful);
        Assert.Equal(new Forgotten(0, 0), await log.ForgetAsync("telegram:1"));

        Assert.Equal(1, await log.RemoveBeforeAsync(DateTime.UtcNow.AddDays(-90)));
        Assert.Equal(["mine"], (await log.FindAsync(new QuestionQuery())).Items.Select(r => r.Question));
        Assert.Single(await log.SinceAsync(DateTime.UtcNow.AddDays(-1)));
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task ALabelIsSetFilteredAndCleared(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider);
        var log = replicas.Get<IQuestionLog>();
        log.Record(Asked("one"), null);
        log.Record(Asked("two"), null);
        var id = (await log.FindAsync(new QuestionQuery(Text: "two"))).Items.Single().Id;

        Assert.True(await log.LabelAsync(id, new QuestionLabel { Must = [["ceasefire", "truce"], ["Istanbul"]], At = DateTime.UtcNow }));
        var labelled = Assert.Single((await log.FindAsync(new QuestionQuery(LabelledOnly: true))).Items);
        Assert.Equal([["ceasefire", "truce"], ["Istanbul"]], labelled.Label!.Must);
        Assert.False(labelled.Label.Refuse);
        Assert.False(await log.LabelAsync(id + 1000, new QuestionLabel { Refuse = true }));
        Assert.True(await log.LabelAsync(id, null));
        Assert.Empty((await log.FindAsync(new QuestionQuery(LabelledOnly: true))).Items);
    }

    [Fact]
    public async Task ReplicasTakingVotesOnOneAnswerAtOnceCountEveryOne()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2);
        var (a, b) = (replicas.Get<IQuestionLog>(0), replicas.Get<IQuestionLog>(1));
        var record = Asked("shared");
        a.Record(record, "telegram:1");
        await a.FindAsync(new QuestionQuery());
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? a : b).VoteAsync(record.Key, $"telegram:{100 + i}", i % 3 == 0 ? FeedbackChoice.Unhelpful : FeedbackChoice.Helpful, "telegram", DateTime.UtcNow)));
        var stored = Assert.Single((await b.FindAsync(new QuestionQuery())).Items);
        Assert.Equal(20, stored.Votes.Count);
        Assert.Equal(7, stored.Votes.Count(v => !v.Helpful));
    }
}
