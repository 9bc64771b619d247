using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Tests.Extractive;

/// <summary>The offline engine's reading of questions and of a sentence's context, each on a small corpus of its own.</summary>
public class QuestionReadingTests
{
    static readonly (string, string)[] TwoCities =
    [
        ("north.txt", "Harbour talks in Arnhem\nThe harbour talks were held in Arnhem on Friday. The session lasted about three hours, officials said. Both towns promised to meet again."),
        ("south.txt", "Harbour talks in Breda\nThe harbour talks moved to Breda a week later. The session lasted just forty minutes and ended without a deal."),
    ];

    [Fact]
    public async Task TheKindOfAnswerIsReadFromThePhraseWhereverItStandsAndASentenceWithoutItIsNoAnswer()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Bridge Report\nThe council opened the new bridge with a ceremony. The bridge cost the town a great deal of money."));
        using var _ = kb;
        var answer = await answers.AskAsync("On what date did the council open the new bridge?");
        Assert.True(answer.Refused);
        Assert.StartsWith("The texts I have do not give that date. What they do say: The council opened the new bridge", answer.Text);
        Assert.Equal("a.txt", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public async Task APlaceTheQuestionNamesHoldsThroughTheArticleWhenTheSentenceDoesNotNameIt()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(TwoCities);
        using var _ = kb;
        var breda = await answers.AskAsync("How long did the harbour session in Breda last?");
        Assert.StartsWith("The session lasted just forty minutes", breda.Text);
        var arnhem = await answers.AskAsync("How long did the harbour session in Arnhem last?");
        Assert.StartsWith("The session lasted about three hours", arnhem.Text);
    }

    [Fact]
    public async Task AComparisonIsAnsweredForBothSides()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(TwoCities);
        using var _ = kb;
        var answer = await answers.AskAsync("How long did the session in Arnhem last compared with the one in Breda?");
        Assert.False(answer.Refused);
        Assert.Contains("three hours", answer.Text);
        Assert.Contains("forty minutes", answer.Text);
        Assert.Equal(["north.txt", "south.txt"], answer.Citations.Select(c => c.Source).Order());
    }

    [Fact]
    public async Task WhatSomeoneSaidIsAnsweredOnlyWithWordsTheySaid()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\nThe talks were attended by envoy Maria Olsen and envoy Piet Bakker. " +
            "\u201CThe harbour will reopen in spring,\u201D Bakker told reporters after the talks."));
        using var _ = kb;
        var bakker = await answers.AskAsync("What did Piet Bakker say after the talks?");
        Assert.Contains("The harbour will reopen in spring", bakker.Text);
        var olsen = await answers.AskAsync("What did Maria Olsen say after the talks?");
        Assert.True(olsen.Refused);
    }

    [Fact]
    public async Task AHisThatPointsBackTakesTheNameFromTheSentenceBefore()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\nThe Harbour Ministry sent its minister Anna de Wit to open the talks. " +
            "At the end, a spokesperson from his ministry announced that the talks had closed without incident. " +
            "Fishermen along the coast were pleased with the weather."));
        using var _ = kb;
        var answer = await answers.AskAsync("What did the Harbour Ministry announce at the end?");
        Assert.StartsWith("At the end, a spokesperson from his ministry announced", answer.Text);
    }

    [Fact]
    public async Task ATypoInANameIsReadAsTheName()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Harbour Report\nThe harbour talks in Zwolleburg lasted two days."));
        using var _ = kb;
        var answer = await answers.AskAsync("How long did the harbour talks in Zwolelburg last?");
        Assert.False(answer.Refused);
        Assert.Contains("two days", answer.Text);
    }

    [Fact]
    public async Task ACountIsTheOneBeforeWhatIsCountedAndItIsMarkedInTheQuote()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\nThe north town will send the crews of 40 fishing boats home. The south town will send 300 crew members home this week."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many crew members will the south town send home?");
        Assert.StartsWith("The south town will send 300 crew members home", answer.Text);
        var citation = answer.Citations[0];
        Assert.NotNull(citation.Highlight);
        Assert.Equal("300", citation.Quote[citation.Highlight.Value.Start..citation.Highlight.Value.End]);
    }

    [Theory]
    [InlineData("The board approved the exchange of an unspecified number of dock workers on Friday.", "unspecified number")]
    public async Task ACountGivenWithoutAFigureIsMarked(string sentence, string marked)
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\n" + sentence + " The weather was calm."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many dock workers will the board exchange?");
        Assert.False(answer.Refused, answer.Text);
        var citation = answer.Citations[0];
        Assert.NotNull(citation.Highlight);
        Assert.Equal(marked, citation.Quote[citation.Highlight.Value.Start..citation.Highlight.Value.End]);
    }

    [Fact]
    public async Task AQuantifierThatDoesNotCountWhatIsAskedIsNoCount()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Port Report\nAll unions agreed to exchange dock workers between the ports on Friday."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many dock workers will the unions exchange?");
        Assert.True(answer.Refused, answer.Text);
    }

    [Fact]
    public async Task AQuestionInOtherWordsThanTheTextIsAnsweredThroughSynonyms()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\nThe harbour master counted 60 fishing boats in the port on Monday. The harbour master ordered the release of 40 fishing boats on Tuesday."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many fishing boats were freed?");
        Assert.StartsWith("The harbour master ordered the release of 40 fishing boats", answer.Text);
    }

    [Fact]
    public async Task ABroadQuestionIsAnsweredWithTheOpeningFactsOfTheReportOnItsTopic()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(TwoCities);
        using var _ = kb;
        var answer = await answers.AskAsync("What happened in Arnhem?");
        Assert.False(answer.Refused);
        Assert.StartsWith("The harbour talks were held in Arnhem on Friday.", answer.Text);
        Assert.True(answer.Citations.Count >= 2, answer.Text);
        Assert.All(answer.Citations, c => Assert.Equal("north.txt", c.Source));
    }

    [Fact]
    public async Task ACountAfterWhatItCountsAndOfCountsIt()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt", "Harbour Report\nThe port will return the crews of 40 fishing boats this week. The weather stayed calm."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many crews will the port return?");
        Assert.StartsWith("The port will return the crews of 40 fishing boats", answer.Text);
    }

    [Fact]
    public async Task ASentenceThatEndsAQuoteBegunBeforeItIsShownAsTheEndOfAQuote()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\n\u201CWe worked all night. The harbour will reopen in spring,\u201D the harbour master Jan Vos said on Monday."));
        using var _ = kb;
        var answer = await answers.AskAsync("What did Jan Vos say about the harbour?");
        Assert.StartsWith("\u201C\u2026The harbour will reopen in spring,\u201D the harbour master Jan Vos said", answer.Text);
        Assert.StartsWith("The harbour will reopen in spring", answer.Citations[0].Quote);
    }

    [Fact]
    public async Task ANameIsTheOneBesideWhatIsNamedAndAnAgeTheOneBesideWhoIsAskedAbout()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(
            ("a.txt", "Harbour Report\nThe talks were held in a palace dating from the Baroque age. Envoy Piet Bakker freed sailors younger than 25."),
            ("b.txt", "Museum Report\nThe museum moved into the Rijnhof palace last year. Its director, Anna Berg, 61, opened the doors."));
        using var _ = kb;
        Assert.Contains("The texts I have do not give that name.", (await answers.AskAsync("What is the name of the palace where the talks were held?")).Text);
        var museum = await answers.AskAsync("What is the name of the palace the museum moved into?");
        Assert.StartsWith("The museum moved into the Rijnhof palace", museum.Text);
        Assert.True((await answers.AskAsync("How old is Piet Bakker?")).Refused);
        Assert.StartsWith("Its director, Anna Berg, 61,", (await answers.AskAsync("How old is Anna Berg?")).Text);
    }

    [Fact]
    public async Task FiguresOfDifferentThingsAreNotDifferentFigures()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(
            ("a.txt", "Report A\nThe strike closed 40 docks at the port."),
            ("b.txt", "Report B\nThe strike at the port closed 12 shipyards and 40 docks."));
        using var _ = kb;
        var answer = await answers.AskAsync("How many docks did the strike close?");
        Assert.DoesNotContain("different figures", answer.Text);
        Assert.Contains("40 docks", answer.Text);
    }

    [Fact]
    public async Task WhoDoesWhatToWhomIsNotReadTheWrongWayRound()
    {
        var (kb, answers) = await TestKnowledgeBase.Answering(("a.txt",
            "Harbour Report\nBreda will return 12 fishing boats to Arnhem next week. Arnhem will return 30 fishing boats to Breda in May."));
        using var _ = kb;
        Assert.StartsWith("Arnhem will return 30 fishing boats", (await answers.AskAsync("How many fishing boats will Arnhem return to Breda?")).Text);
        Assert.StartsWith("Breda will return 12 fishing boats", (await answers.AskAsync("How many fishing boats will Breda return to Arnhem?")).Text);
    }
}
