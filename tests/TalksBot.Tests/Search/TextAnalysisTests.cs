using TalksBot.Search;

namespace TalksBot.Tests.Search;

public class TextAnalysisTests
{
    [Theory]
    [InlineData("lasted", "last", "en")]
    [InlineData("negotiations", "negotiation", "en")]
    [InlineData("Ukraine’s", "Ukraine", "en")]
    [InlineData("gevangenen", "gevangene", "nl")]
    [InlineData("onderhandelingen", "onderhandeling", "nl")]
    [InlineData("regio's", "regio", "nl")]
    [InlineData("soldaten", "soldaat", "nl")]
    [InlineData("Oekraïne", "Oekraine", "nl")]
    [InlineData("6,000", "6000", "en")]
    [InlineData("said", "say", "en")]
    [InlineData("withdrew", "withdraw", "en")]
    [InlineData("zei", "zeggen", "nl")]
    [InlineData("U.S.", "US", "en")]
    public void InflectedFormsShareOneTerm(string a, string b, string language)
    {
        var left = TextAnalysis.Terms(a, language);
        Assert.Single(left);
        Assert.Equal(left, TextAnalysis.Terms(b, language));
    }

    [Fact]
    public void StopWordsOfEachLanguageAreDropped()
    {
        Assert.Equal(["talk", "end"], TextAnalysis.Terms("the talks have ended", "en"));
        Assert.Equal(TextAnalysis.Terms("gesprekken beëindigd", "nl"), TextAnalysis.Terms("de gesprekken zijn beëindigd", "nl"));
        Assert.Equal(2, TextAnalysis.Terms("de gesprekken zijn beëindigd", "nl").Count);
    }
}
