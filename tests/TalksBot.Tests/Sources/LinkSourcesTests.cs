using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TalksBot.Fakes;
using TalksBot.Sources;

namespace TalksBot.Tests.Sources;

/// <summary>`sources add URL` against a local web server, as a person runs it: the page indexed, linked again updated, hostile links refused.</summary>
public class LinkSourcesTests
{
    const string Article = """
        <html lang="en"><head><title>Lock gates | River Post</title><meta property="og:site_name" content="River Post">
        <meta property="article:published_time" content="2026-12-01T09:00:00Z"></head><body>
        <nav><a href="/">Home</a> <a href="/river">River</a></nav>
        <article><h1>New lock gates installed on the river</h1>
        <p>Engineers installed the new lock gates at the weir on Sunday, two months ahead of the planned date.</p>
        <p>The old gates had leaked since the flood of last winter, the waterways board said.</p></article></body></html>
        """;

    static Task<LocalServer> ServeAsync() => LocalServer.StartAsync(app =>
    {
        app.MapGet("/river/lock-gates", () => Results.Content(Article, "text/html; charset=utf-8"));
        app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
        app.MapGet("/huge", () => Results.Content(new string('x', 6_000_000), "text/html"));
        app.MapGet("/image", () => Results.Bytes([0x89, 0x50, 0x4E, 0x47], "image/png"));
        app.MapGet("/statements/grain.pdf", () => Results.Bytes(TalksBot.Tests.Documents.DocumentSourcesTests.Pdf(), "application/pdf"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/bomb", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Bomb.Value);
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.StartAsync();
            for (var i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.WriteAsync("<p>", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(300, context.RequestAborted);
            }
        });
    });

    /// <summary>50 MB of zeros, gzipped to about 50 KB.</summary>
    static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize)) gzip.Write(new byte[50_000_000]);
        return output.ToArray();
    });

    // Room for a loaded machine: a fetch that should work is not cut off; the refusals say theirs within 2 s.
    static Task<(int Exit, string Out, string Err)> RunAsync(TestKnowledgeBase kb, bool allowPrivate, params string[] args) =>
        RunAsync(kb, allowPrivate, 15, args);

    static Task<(int Exit, string Out, string Err)> RunAsync(TestKnowledgeBase kb, bool allowPrivate, int timeoutSeconds, params string[] args) =>
        TalksBotProcess.RunAsync(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
            ["TALKSBOT__SOURCES__ALLOWPRIVATENETWORKS"] = allowPrivate ? "true" : "false", ["TALKSBOT__SOURCES__TIMEOUTSECONDS"] = timeoutSeconds.ToString(),
        }, args);

    [Fact]
    public async Task ALinkedPageIsIndexedAnsweredWithItsLinkAndDateAndLinkingItAgainUpdatesIt()
    {
        await using var server = await ServeAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var added = await RunAsync(kb, true, "sources", "add", server.Url + "/river/lock-gates?utm_source=newsletter&utm_medium=email");
        Assert.True(added.Exit == 0, added.Out + added.Err);
        Assert.Contains("Added web-127-0-0-1-", added.Out);
        Assert.Contains(": Lock gates — River Post, 2026-12-01T09:00:00Z", added.Out);
        Assert.Contains("1 added", added.Out);

        var again = await RunAsync(kb, true, "sources", "add", server.Url + "/river/lock-gates?fbclid=abc#comments");
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("Updated web-127-0-0-1-", again.Out);
        Assert.Single(Directory.GetFiles(kb.Seeds, "web-*.html"));

        var answer = await RunAsync(kb, true, "ask", "--json", "When were the new lock gates installed at the weir?");
        var citation = JsonNode.Parse(answer.Out)!["citations"]![0]!;
        Assert.StartsWith("web-127-0-0-1-", citation["source"]!.GetValue<string>());
        Assert.Equal(server.Url + "/river/lock-gates", citation["url"]!.GetValue<string>());
        Assert.Equal("2026-12-01", citation["published"]!.GetValue<string>());
        Assert.Contains("on Sunday", citation["quote"]!.GetValue<string>());
    }

    [Fact]
    public async Task ALinkedPdfIsAnsweredFromWithItsLinkKeptInTheMetadataFileBesideTheEntriesThere()
    {
        await using var server = await ServeAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "sources.json"), """{ "other.txt": { "outlet": "Kept Outlet" } }""");
        var added = await RunAsync(kb, true, "sources", "add", server.Url + "/statements/grain.pdf?utm_campaign=x");
        Assert.True(added.Exit == 0, added.Out + added.Err);
        Assert.Single(Directory.GetFiles(kb.Seeds, "web-*.pdf"));
        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(kb.Seeds, "sources.json")))!.AsObject();
        Assert.Equal("Kept Outlet", metadata["other.txt"]!["outlet"]!.GetValue<string>());

        var answer = await RunAsync(kb, true, "ask", "--json", "When will the grain corridor reopen?");
        var citation = JsonNode.Parse(answer.Out)!["citations"]![0]!;
        Assert.EndsWith(".pdf", citation["source"]!.GetValue<string>());
        Assert.Equal(server.Url + "/statements/grain.pdf", citation["url"]!.GetValue<string>());
        Assert.Contains("next week", citation["quote"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, "/river/lock-gates", "private, loopback or link-local address")]
    [InlineData(true, "/loop/0", "redirects more than 5 times")]
    [InlineData(true, "/huge", "over the 5 MB limit")]
    [InlineData(true, "/image", "is image/png, not a web page")]
    [InlineData(true, "/missing", "answered 404")]
    [InlineData(true, "/to-file", "redirects to file:, not http or https")]
    [InlineData(true, "/bomb", "over the 5 MB limit")]
    [InlineData(true, "/slow", "did not answer within 2 s")]
    public async Task AHostileOrUnusableLinkIsRefusedWithItsReasonAndNothingIsAdded(bool allowPrivate, string path, string reason)
    {
        await using var server = await ServeAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output, error) = await RunAsync(kb, allowPrivate, 2, "sources", "add", server.Url + path);
        Assert.Equal(1, exit);
        Assert.Contains(reason, error);
        Assert.Empty(Directory.GetFiles(kb.Seeds));
        Assert.DoesNotContain("   at ", output + error);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/a")]
    [InlineData("not a link")]
    public async Task OnlyHttpAndHttpsLinksAreFetched(string link)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, _, error) = await RunAsync(kb, true, "sources", "add", link);
        Assert.Equal(1, exit);
        Assert.Contains("is not an http or https link", error);
    }

    [Theory]
    [InlineData("https://www.example.org/a?utm_source=x&id=3&fbclid=y#top", "https://www.example.org/a?id=3")]
    [InlineData("https://amp.example.org/story/amp/", "https://example.org/story")]
    [InlineData("https://m.example.org/story?outputType=amp", "https://example.org/story")]
    public void TrackingAndAmpVariantsAreOneAddress(string link, string canonical) =>
        Assert.Equal(canonical, LinkNames.Canonical(new Uri(link)).AbsoluteUri);

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void OnlyPublicAddressesAreReachedByDefault(string address, bool reachable) =>
        Assert.Equal(reachable, SafeFetcher.IsPublic(System.Net.IPAddress.Parse(address)));
}
