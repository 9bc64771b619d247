using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Tests.Extractive;

/// <summary>The offline engine's mechanisms, each on a small corpus of its own.</summary>
public class ExtractiveAnswerTests
{
    [Fact]
    public async Task AHowManyQuestionIsAnsweredWithTheSentenceThatGivesTheNumber()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Ferry Report\nThe ferry company praised the passengers of the new route for their patience. " +
            "The new route carried 4,500 passengers in its first week. The weather was calm."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many passengers did the new route carry?");
        Assert.StartsWith("The new route carried 4,500 passengers", answer.Text);
    }

    [Fact]
    public async Task AWhenQuestionPrefersTheSentenceWithADate()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Bridge Report\nThe council discussed the bridge opening at length. The bridge opening is planned for 14 March 2026."));
        using var _ = kb;
        var answer = await answers.AskAsync("When is the bridge opening planned?");
        Assert.StartsWith("The bridge opening is planned for 14 March 2026.", answer.Text);
    }

    [Fact]
    public async Task AWhatTimeOrHowMuchQuestionIsRefusedWhenNoSentenceStatesATimeOrAnAmount()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Ferry Report\nThe ferry to the island leaves from the north pier. The ferry to the island was renovated by three firms."));
        using var _ = kb;
        Assert.True((await answers.AskAsync("What time does the ferry to the island leave?")).Refused);
        Assert.True((await answers.AskAsync("How much did renovating the ferry cost?")).Refused);
        Assert.False((await answers.AskAsync("Where does the ferry to the island leave from?")).Refused);
    }

    [Fact]
    public async Task AHowMuchQuestionThatIsNotAboutMoneyIsAnsweredWithTheFigure()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Island Report\nThe island has long been disputed by the two towns. The northern town now controls about 30% of the island's land."));
        using var _ = kb;
        Assert.StartsWith("The northern town now controls about 30%", (await answers.AskAsync("How much of the island does the northern town control?")).Text);
    }

    [Fact]
    public async Task AWhatTimeQuestionIsAnsweredWithTheSentenceThatStatesTheTime()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Ferry Report\nThe ferry to the island leaves from the north pier. The ferry to the island leaves at 9:30 on weekdays."));
        using var _ = kb;
        Assert.StartsWith("The ferry to the island leaves at 9:30", (await answers.AskAsync("What time does the ferry to the island leave?")).Text);
    }

    [Fact]
    public async Task AgreeingSourcesAreCitedTogetherAndDifferingFiguresAreNamed()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(
            ("a.txt", "Report A\n3,000 dock workers joined the strike at the port on Monday."),
            ("b.txt", "Report B\nOn Monday, 3,000 dock workers joined the strike at the port."),
            ("c.txt", "Report C\nUnions said 5,000 dock workers joined the port strike."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many dock workers joined the port strike?");
        Assert.StartsWith("The sources give different figures:", answer.Text);
        Assert.Contains("3,000", answer.Text);
        Assert.Contains("5,000", answer.Text);
        Assert.Equal(3, answer.Citations.Select(c => c.Source).Distinct().Count());
    }

    [Fact]
    public async Task ANameTheTextsDoNotMentionIsARefusalThatSaysSo()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\nThe mayor of Rotterdam opened the port on Monday."));
        using var _ = kb;
        var answer = await answers.AskAsync("What did the mayor of Hamburg open?");
        Assert.True(answer.Refused);
        Assert.Equal("The texts I have do not mention Hamburg, so I cannot answer that.", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AQuestionTheTextsDoNotCoverIsRefusedInItsOwnLanguage()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\nThe mayor opened the port on Monday."));
        using var _ = kb;
        Assert.Equal("The texts I have do not answer that question.", (await answers.AskAsync("Write me a poem about spring flowers.")).Text);
        var dutch = await answers.AskAsync("Wat is het recept voor appeltaart?");
        Assert.True(dutch.Refused);
        Assert.Equal("De teksten die ik heb geven op die vraag geen antwoord.", dutch.Text);
    }

    [Fact]
    public async Task ADutchQuestionIsAnsweredFromAnEnglishSource()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(
            ("a.txt", "Port Report\nThe port reopened after the storm on Monday."),
            ("b.txt", "Rail Report\nTrains ran late across the north all week because of repairs."),
            ("c.txt", "School Report\nThe new school opened its doors to pupils in the city."));
        using var _ = kb;
        var answer = await answers.AskAsync("Wanneer was de storm in de haven?");
        Assert.False(answer.Refused);
        Assert.Equal("a.txt", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public async Task ReferenceMarksAndListMarkersLeaveTheAnswerTextButStayInTheQuote()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\n- Port Opening: The port reopened after the storm on Monday [2][3]."));
        using var _ = kb;
        var answer = await answers.AskAsync("When did the port reopen after the storm?");
        Assert.Equal("The port reopened after the storm on Monday. [1]", answer.Text);
        Assert.Equal("- Port Opening: The port reopened after the storm on Monday [2][3].", answer.Citations[0].Quote);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyQuestionIsAnErrorNotARefusal(string question)
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\nThe port reopened."));
        using var _ = kb;
        var answer = await answers.AskAsync(question);
        Assert.NotNull(answer.Error);
        Assert.False(answer.Refused);
    }

    [Fact]
    public async Task AnOverlongQuestionGetsAClearMessage()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\nThe port reopened."));
        using var _ = kb;
        var answer = await answers.AskAsync(string.Concat(Enumerable.Repeat("Why did the port reopen? ", 100)));
        Assert.Contains("too long", answer.Error);
    }
}
