using TalksBot.Ingest;

namespace TalksBot.Tests.Ingest;

public class SentenceSplitterTests
{
    static string[] Split(string text) => [.. SentenceSplitter.Split(text).Select(s => s.Of(text))];

    [Fact]
    public void AbbreviationsAndInitialsDoNotEndSentences()
    {
        Assert.Equal(
            ["Mr. Smith met U.S. President Donald Trump, e.g. in the Oval Office.", "Then J. Doe left."],
            Split("Mr. Smith met U.S. President Donald Trump, e.g. in the Oval Office. Then J. Doe left."));
    }

    [Fact]
    public void DutchAbbreviationsDoNotEndSentences()
    {
        Assert.Equal(
            ["Dhr. Jansen sprak o.a. met de minister, bijv. over de grens.", "Daarna ging hij weg."],
            Split("Dhr. Jansen sprak o.a. met de minister, bijv. over de grens. Daarna ging hij weg."));
    }

    [Fact]
    public void NumbersWithSeparatorsStayWhole()
    {
        Assert.Equal(
            ["They swapped 1,000 prisoners, about 20% of the total.", "The fee was 3.5 million."],
            Split("They swapped 1,000 prisoners, about 20% of the total. The fee was 3.5 million."));
    }

    [Fact]
    public void ClosingQuotesStayWithTheirSentence()
    {
        Assert.Equal(
            ["“Talks were tough,” he said.", "“We will meet again.”", "She agreed."],
            Split("“Talks were tough,” he said. “We will meet again.” She agreed."));
        Assert.Equal(["He called it \"absolutely crazy.\"", "The Kremlin replied."], Split("He called it \"absolutely crazy.\" The Kremlin replied."));
    }

    [Fact]
    public void HeadlinesAndBulletsAreSentencesOfTheirOwn()
    {
        var text = "Talks End Without Breakthrough\nThe sides met. They parted.\n- Ceasefire: rejected [2].\n- Prisoners: swapped\n";
        Assert.Equal(["Talks End Without Breakthrough", "The sides met.", "They parted.", "- Ceasefire: rejected [2].", "- Prisoners: swapped"], Split(text));
    }

    [Fact]
    public void LowercaseAfterAnEllipsisContinuesTheSentence()
    {
        Assert.Equal(["He paused... and went on.", "Done!"], Split("He paused... and went on. Done!"));
    }

    [Fact]
    public void OffsetsPointAtTheExactTextWithCarriageReturns()
    {
        var text = "First line here.\r\nSecond line. Third one?\r\n";
        var spans = SentenceSplitter.Split(text);
        Assert.Equal(["First line here.", "Second line.", "Third one?"], spans.Select(s => text[s.Start..s.End]));
    }
}
