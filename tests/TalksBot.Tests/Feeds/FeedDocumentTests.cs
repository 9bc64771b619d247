using System.Text;
using TalksBot.Feeds;

namespace TalksBot.Tests.Feeds;

/// <summary>The three feed formats as sites write them, and XML that tries to make the reader fetch or expand.</summary>
public sealed class FeedDocumentTests
{
    static readonly Uri Site = new("https://news.example/feeds/main");

    static FeedDocument Parse(string text) => FeedDocument.Parse(Encoding.UTF8.GetBytes(text), Site);

    [Fact]
    public void Rss2ItemsKeepTheirLinkGuidAndDateWithRelativeLinksResolvedAndItemsWithoutALinkLeftOut()
    {
        var feed = Parse("""
            <?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Example News</title>
            <item><title>One</title><atom:link href="" rel="self"/><link>/2026/one</link><guid isPermaLink="false">id-1</guid><pubDate>Mon, 07 Dec 2026 10:30:00 GMT</pubDate></item>
            <item><title>Two</title><guid>https://news.example/2026/two</guid><pubDate>Sun, 06 Dec 2026 09:00:00 EST</pubDate></item>
            <item><title>No link</title><description>Only text.</description></item>
            <item><title>Mail</title><link>mailto:desk@news.example</link></item>
            </channel></rss>
            """);
        Assert.Null(feed.Problem);
        Assert.Equal("Example News", feed.Title);
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal(("id-1", "https://news.example/2026/one", "2026-12-07T10:30:00Z"), (feed.Entries[0].Id, feed.Entries[0].Link, feed.Entries[0].Published));
        Assert.Equal(("https://news.example/2026/two", "2026-12-06T14:00:00Z"), (feed.Entries[1].Link, feed.Entries[1].Published));
    }

    [Fact]
    public void AtomEntriesTakeTheirAlternateLinkAndAnEditChangesTheVersion()
    {
        const string atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
            <entry><id>tag:news.example,2026:1</id><title>First</title><link rel="self" href="/api/1"/><link rel="alternate" href="https://news.example/first"/>
            <published>2026-12-01T08:00:00+01:00</published><updated>UPDATED</updated></entry></feed>
            """;
        var feed = Parse(atom.Replace("UPDATED", "2026-12-01T08:00:00+01:00"));
        var entry = Assert.Single(feed.Entries);
        Assert.Equal(("tag:news.example,2026:1", "https://news.example/first", "2026-12-01T07:00:00Z"), (entry.Id, entry.Link, entry.Published));
        var edited = Assert.Single(Parse(atom.Replace("UPDATED", "2026-12-02T10:00:00Z")).Entries);
        Assert.Equal(entry.Id, edited.Id);
        Assert.NotEqual(entry.Version, edited.Version);
    }

    [Fact]
    public void JsonFeedAndRss1AreRead()
    {
        var json = Parse("""{"version":"https://jsonfeed.org/version/1.1","title":"JSON News","items":[{"id":"7","url":"https://news.example/seven","title":"Seven","date_published":"2026-12-03T12:00:00Z"},{"id":"8","content_text":"no link"}]}""");
        Assert.Equal("JSON News", json.Title);
        Assert.Equal(("7", "https://news.example/seven", "2026-12-03T12:00:00Z"), (json.Entries.Single().Id, json.Entries.Single().Link, json.Entries.Single().Published));
        var rdf = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>RDF News</title></channel><item><title>Old</title><link>https://news.example/old</link><dc:date>2026-11-30T06:00:00Z</dc:date></item></rdf:RDF>
            """);
        Assert.Equal(("RDF News", "https://news.example/old", "2026-11-30T06:00:00Z"), (rdf.Title, rdf.Entries.Single().Link, rdf.Entries.Single().Published));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>""", "declares a DTD")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><title>&lol3;</title></channel></rss>""", "declares a DTD")]
    [InlineData("""<rss version="2.0"><channel><title>&undeclared;</title></channel></rss>""", "is not well-formed XML")]
    [InlineData("<rss><channel><item><title>cut", "is not well-formed XML")]
    [InlineData("\u0000\u0001binary", "is not well-formed XML")]
    [InlineData("""{"version":"https://jsonfeed.org/version/1", "items": [""", "is not well-formed JSON")]
    [InlineData("""{"title":"not a feed"}""", "is JSON but not a JSON Feed")]
    [InlineData("""<rss version="2.0"/>""", "is RSS without a <channel>")]
    [InlineData("<html><body>page</body></html>", "is XML but not a feed")]
    [InlineData("", "is not well-formed XML")]
    public void HostileOrBrokenFeedsAreRefusedWithTheirReason(string text, string reason)
    {
        var feed = Parse(text);
        Assert.Contains(reason, feed.Problem);
        Assert.Empty(feed.Entries);
    }

    [Fact]
    public void AFeedOfThousandsOfItemsIsCutAtTheCap()
    {
        var items = string.Concat(Enumerable.Range(0, 2000).Select(i => $"<item><link>https://news.example/{i}</link></item>"));
        Assert.Equal(FeedDocument.MaxEntries, Parse($"<rss><channel>{items}</channel></rss>").Entries.Count);
    }
}
