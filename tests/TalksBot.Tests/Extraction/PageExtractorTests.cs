using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TalksBot.Extraction;

namespace TalksBot.Tests.Extraction;

public class PageExtractorTests
{
    const string Page = """
        <!doctype html><html lang="en-GB"><head>
        <title>Harbour reopens | The Coast Gazette</title>
        <link rel="canonical" href="https://gazette.example/harbour-reopens">
        <meta property="og:site_name" content="The Coast Gazette">
        <meta property="article:published_time" content="2026-11-30T08:00:00Z">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
          {"@type":"NewsArticle","headline":"Harbour reopens after the storm","datePublished":"2026-11-29T07:30:00Z",
           "author":[{"@type":"Person","name":"Ann Visser"},{"@type":"Person","name":"Tom Berg"}],"publisher":{"@type":"Organization","name":"Coast Gazette"}}]}</script>
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article>
          <h1>Harbour reopens after the storm</h1>
          <p>The harbour of the coastal town reopened on Monday, three days after the storm had closed it to every ship.</p>
          <figure><img src="a.jpg"><figcaption>Boats waiting at the quay. Photo: Coast Gazette</figcaption></figure>
          <p>Harbour master Els de Vries said the damage to the northern pier was smaller than first feared, and that repairs would take two weeks.</p>
          <div class="share-buttons"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
          <p>Fishing boats were the first to leave, followed in the afternoon by the ferry to the island, which had been waiting since Friday.</p>
          <ul class="list"><li><a href="/a">Storm closes harbour</a></li><li><a href="/b">Ferry timetable changed</a></li></ul>
        </article>
        <footer>© The Coast Gazette. All rights reserved.</footer>
        </body></html>
        """;

    [Fact]
    public void TheArticleComesWithoutFurnitureAndWithThePagesOwnMetadata()
    {
        var page = PageExtractor.Extract(Page);

        Assert.Contains("reopened on Monday", page.ArticleBody);
        Assert.Contains("repairs would take two weeks", page.ArticleBody);
        Assert.Contains("waiting since Friday", page.ArticleBody);
        foreach (var furniture in new[] { "Home", "Photo: Coast Gazette", "Tweet", "Ferry timetable changed", "All rights reserved" })
            Assert.DoesNotContain(furniture, page.ArticleBody);
        Assert.Equal(3, page.ArticleBody.Split('\n').Count(l => l.Length > 60)); // one paragraph a line
        Assert.Equal("Harbour reopens after the storm", page.Title);            // JSON-LD's headline before <title>
        Assert.Equal("Ann Visser, Tom Berg", page.Author);
        Assert.Equal("2026-11-29T07:30:00Z", page.Published);                    // JSON-LD before the meta tag
        Assert.Equal("en-GB", page.Language);
        Assert.Equal("https://gazette.example/harbour-reopens", page.Url);
        Assert.Equal("The Coast Gazette", page.Outlet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body></body></html>")]
    [InlineData("not html at all \u0000\u0001 <<<>>> &&&")]
    [InlineData("<script type='application/ld+json'>{ broken</script><p>Short.</p>")]
    public void APageWithoutAnArticleIsAnEmptyBodyNotAFailure(string html)
    {
        var page = PageExtractor.Extract(html);
        Assert.NotNull(page.ArticleBody);
    }

    /// <summary>The saved news pages of ../shared/extraction, scored by its own scorer: at least the best anchor's F1.</summary>
    [Fact]
    public async Task OnTheSharedNewsPagesTheArticleIsFoundAsWellAsByTheBestExtractors()
    {
        var shared = Path.GetFullPath(Path.Combine(TestKnowledgeBase.RepositoryRoot(), "..", "shared", "extraction"));
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>(), "sources", "extract", "--json", Path.Combine(shared, "html"));
        Assert.True(exit == 0, error);
        var extracted = Path.Combine(kb.Root, "extracted.json");
        await File.WriteAllTextAsync(extracted, output);

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(shared, "score.py"), Path.Combine(shared, "ground-truth.json"), extracted }) start.ArgumentList.Add(a);
        using var score = Process.Start(start)!;
        var table = await score.StandardOutput.ReadToEndAsync();
        await score.WaitForExitAsync();
        var f1 = double.Parse(Regex.Match(table, @"^extracted\s+([\d.]+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(f1 >= 0.97, table);
    }
}
