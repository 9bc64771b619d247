using TalksBot.Ingest;

namespace TalksBot.Tests.Ingest;

public class ArticleParserTests
{
    static string Body(Article a) => string.Join("\n", a.Sentences.Select(s => s.Of(a.Text)));

    [Fact]
    public void CommentFormsAuthorBoxesAndTagsAtTheEndAreRemoved()
    {
        var page = """
            Harbour Deal Signed
            The two cities signed a harbour agreement on Friday. It runs for ten years.
            Source: Example Times
            Harbour News
            City Politics
            About The Author
            Leave a Reply
            Your email address will not be published. Required fields are marked *
            """;
        var article = ArticleParser.Parse(page);
        Assert.Equal("Harbour Deal Signed\nThe two cities signed a harbour agreement on Friday.\nIt runs for ten years.", Body(article));
        Assert.Equal("Harbour Deal Signed", article.Info.Title);
        Assert.Equal("Example Times", article.Info.Outlet);
    }

    [Fact]
    public void BloggerCommentFooterIsRemoved()
    {
        var page = "Budget Passed\nParliament passed the budget.\nNo comments:\nPost a Comment\nNote: Only a member of this blog may post a comment.";
        Assert.Equal("Budget Passed\nParliament passed the budget.", Body(ArticleParser.Parse(page)));
    }

    [Fact]
    public void ShareBarsAreRemovedWhereverTheyStand()
    {
        var page = "Rail Strike Ends\nShare, Tweet, Email, Print, Copy Link\nThe strike ended on Monday.\nDelen | Mailen | Printen";
        var article = ArticleParser.Parse(page);
        Assert.Equal("Rail Strike Ends\nThe strike ended on Monday.", Body(article));
        Assert.Equal(2, article.RemovedLines);
    }

    [Fact]
    public void AListOfOrdinaryWordsIsNotAShareBar()
    {
        var page = "Harvest Report\nWheat, barley, oats, rye and maize all grew this year.\nFarmers were pleased.";
        Assert.Contains("Wheat, barley", Body(ArticleParser.Parse(page)));
    }

    [Fact]
    public void BylineDateAndLinkBecomeMetadata()
    {
        var page = "Summit Ends\nBy Anna van der Berg\nPublished: 3 June 2025\nhttps://example.org/summit\nThe summit ended without a deal.";
        var article = ArticleParser.Parse(page);
        Assert.Equal("Anna van der Berg", article.Info.Author);
        Assert.Equal("3 June 2025", article.Info.Date);
        Assert.Equal("https://example.org/summit", article.Info.Url);
        Assert.Equal("Summit Ends\nThe summit ended without a deal.", Body(article));
    }

    [Fact]
    public void ASentenceStartingWithByIsNotAByline()
    {
        var page = "Report\nBy the end of the week the sides had met twice.";
        var article = ArticleParser.Parse(page);
        Assert.Null(article.Info.Author);
        Assert.Contains("By the end of the week", Body(article));
    }

    [Fact]
    public void ATextWithoutAHeadlineGetsItsOpeningWordsAsTitle()
    {
        var article = ArticleParser.Parse("De regering van het land heeft gisteren een nieuw plan gepresenteerd voor de haven. Het plan kost veel geld.");
        Assert.Equal("De regering van het land heeft gisteren een nieuw plan…", article.Info.Title);
        Assert.Equal(LanguageDetector.Dutch, article.Info.Language);
    }

    [Fact]
    public void SentenceOffsetsPointIntoTheUnchangedText()
    {
        var page = "Title Line\r\n\r\nShare, Email, Print\r\n“Quote here,” she said. Another sentence follows.\r\n";
        var article = ArticleParser.Parse(page);
        Assert.Same(page, article.Text);
        Assert.Equal(["Title Line", "“Quote here,” she said.", "Another sentence follows."], article.Sentences.Select(s => page[s.Start..s.End]));
    }

    [Theory]
    [InlineData("Who is the minister of defence and what did he say?", "en")]
    [InlineData("Wie is de minister van defensie en wat zei hij?", "nl")]
    [InlineData("Wanneer verwacht Oekraïne een reactie?", "nl")]
    [InlineData("Did they accept the offer?", "en")]
    public void LanguageIsDetectedFromFunctionWords(string text, string language)
    {
        Assert.Equal(language, LanguageDetector.Detect(text));
    }

    [Fact]
    public void TheSeedTextsLoseTheirPageFurnitureButKeepTheirArticles()
    {
        foreach (var file in Directory.GetFiles(TestKnowledgeBase.RepositorySeeds(), "*.txt"))
        {
            var article = ArticleParser.Parse(File.ReadAllText(file));
            var body = Body(article);
            Assert.DoesNotContain("Leave a Reply", body);
            Assert.DoesNotContain("Post a Comment", body);
            Assert.DoesNotContain("Copy Link", body);
            Assert.DoesNotContain("About The Author", body);
            Assert.True(article.Sentences.Count >= 10, $"{Path.GetFileName(file)} kept only {article.Sentences.Count} sentences");
        }
    }
}
