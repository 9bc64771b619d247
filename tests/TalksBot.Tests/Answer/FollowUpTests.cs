using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Conversations;

namespace TalksBot.Tests.Answer;

public class FollowUpTests
{
    static async Task<(TestKnowledgeBase Kb, AnswerService Answers)> Start(Dictionary<string, string?>? settings = null)
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "harbour.txt"),
            "Harbour Report\nThe mayor said the old harbour will reopen for ferries in May. The governor said the old harbour will reopen for ferries in June at the earliest.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "school.txt"),
            "School Report\nThe governor opened a school. The governor praised the teachers.");
        return (kb, kb.Start(settings).GetRequiredService<AnswerService>());
    }

    [Fact]
    public async Task AFollowUpIsReadWithTheQuestionBeforeIt()
    {
        var (kb, answers) = await Start();
        using var _ = kb;
        var first = await answers.AskAsync("When will the old harbour reopen for ferries, according to the mayor?", "chat-1");
        Assert.Contains("May", first.Text);

        var followUp = await answers.AskAsync("And the governor?", "chat-1");

        Assert.False(followUp.Refused);
        Assert.StartsWith("The governor said the old harbour will reopen", followUp.Text);
    }

    [Fact]
    public async Task WithoutTheConversationTheSameShortQuestionIsReadAlone()
    {
        var (kb, answers) = await Start();
        using var _ = kb;
        await answers.AskAsync("When will the old harbour reopen for ferries, according to the mayor?", "chat-1");

        var elsewhere = await answers.AskAsync("And the governor?", "chat-2");

        Assert.StartsWith("The governor opened a school", elsewhere.Text);
    }

    [Fact]
    public async Task ConversationsExpireAndAreKeptAcrossARestart()
    {
        var (kb, answers) = await Start();
        using var _ = kb;
        await answers.AskAsync("When will the old harbour reopen for ferries, according to the mayor?", "chat-1");
        kb.Stop();

        var restarted = kb.Start().GetRequiredService<AnswerService>();
        Assert.StartsWith("The governor said the old harbour", (await restarted.AskAsync("And the governor?", "chat-1")).Text);
        kb.Stop();

        var expired = kb.Start(new() { ["Answer:ConversationMinutes"] = "0" }).GetRequiredService<AnswerService>();
        Assert.StartsWith("The governor opened a school", (await expired.AskAsync("And the governor?", "chat-1")).Text);
    }

    [Fact]
    public async Task ConversationIdsAreNotStoredInClearAndTurnsAreBounded()
    {
        var (kb, answers) = await Start(new() { ["Answer:ConversationTurns"] = "2" });
        using var _ = kb;
        for (var i = 0; i < 5; i++) await answers.AskAsync("When will the old harbour reopen?", "telegram:4242");
        kb.Stop(); // one process, one open database
        var store = kb.Start().GetRequiredService<IConversationStore>();
        Assert.Equal(2, (await store.RecentAsync("telegram:4242")).Count);
        kb.Stop();
        Assert.DoesNotContain("telegram:4242", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(kb.Database)));
    }

    [Fact]
    public async Task ANameInAFollowUpTakesThePlaceOfTheNameBeforeIt()
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        using var _ = kb;
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "talks.txt"),
            "Harbour Talks\nThe Northern delegation was led by Anna Berg, the harbour minister. " +
            "The Southern delegation was led by Piet Smit, a former mayor. Both sides met for three hours.");
        var answers = kb.Start().GetRequiredService<AnswerService>();

        Assert.Contains("Anna Berg", (await answers.AskAsync("Who led the Northern delegation?", "chat-1")).Text);
        var followUp = await answers.AskAsync("and the Southern one?", "chat-1");

        Assert.StartsWith("The Southern delegation was led by Piet Smit", followUp.Text);
    }

    [Fact]
    public async Task AGoingOnQuestionWithNothingBeforeItAsksForTheWholeQuestion()
    {
        var (kb, answers) = await Start();
        using var _ = kb;
        var answer = await answers.AskAsync("And the School one?", "chat-new");
        Assert.True(answer.Refused);
        Assert.Equal("I do not know what that question goes on from; please ask the whole question.", answer.Text);
    }
}
