namespace TalksBot.Tests.Extractive;

/// <summary>A question about the state of things now is answered from the newest report that answers it, with that report's day.</summary>
public class RecencyTests
{
    static Task<(TestKnowledgeBase Kb, TalksBot.Answer.AnswerService Answers)> TwoReportsAsync() => TestKnowledgeBase.Answering(
        ("january.txt", "Canal Works Begin\nPublished: 12 January 2026\nThe canal works have passed two locks so far, the engineers said. " +
            "Boats still pass the canal at night while the works go on. The engineers expect the works to last two years."),
        ("march.txt", "Canal Works Advance\nPublished: 3 March 2026\nThe canal works have passed four locks, the engineers said. " +
            "The towpath along the canal reopened for walkers last weekend. The engineers praised the mild winter."));

    [Theory]
    [InlineData("How many locks have the canal works passed so far?")]
    [InlineData("How many locks have the canal works passed now?")]
    [InlineData("What is the latest number of locks the canal works have passed?")]
    public async Task ALatestQuestionIsAnsweredFromTheNewestReportAndSaysItsDay(string question)
    {
        var (kb, answers) = await TwoReportsAsync();
        using var _ = kb;
        var answer = await answers.AskAsync(question);
        Assert.False(answer.Refused, answer.Text);
        Assert.StartsWith("As of the latest report (3 March 2026): The canal works have passed four locks", answer.Text);
        Assert.Equal("march.txt", answer.Citations[0].Source);
        Assert.Equal("2026-03-03", answer.Citations[0].Day);
    }

    [Fact]
    public async Task AQuestionWithoutTimeInItIsAnsweredAsBeforeWithoutADate()
    {
        var (kb, answers) = await TwoReportsAsync();
        using var _ = kb;
        var answer = await answers.AskAsync("When did the towpath along the canal reopen?");
        Assert.DoesNotContain("As of", answer.Text);
        Assert.Equal("march.txt", answer.Citations[0].Source);
        // Asked without "now", the two reports' figures are two accounts, and said to differ.
        var both = await answers.AskAsync("How many locks have the canal works passed?");
        Assert.StartsWith("The sources give different figures:", both.Text);
        Assert.Equal(["january.txt", "march.txt"], both.Citations.Select(c => c.Source).Order());
    }

    [Theory]
    [InlineData("Hoe staat het nu met de onderhandelingen?", true)]
    [InlineData("Wat is de laatste stand?", true)]
    [InlineData("Who has the most recent figures?", true)]
    [InlineData("When did the talks begin?", false)]
    [InlineData("Is Russia known for snow?", false)]
    public void QuestionsAskingForThePresentAreTold(string question, bool latest) =>
        Assert.Equal(latest, TalksBot.Extractive.Recency.AsksForLatest(question));
}
