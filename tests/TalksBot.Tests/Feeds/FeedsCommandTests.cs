using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TalksBot.Bench;
using TalksBot.Fakes;

namespace TalksBot.Tests.Feeds;

/// <summary>`feeds add|list|remove` and `serve`'s poller as a person runs them, against a local news site.</summary>
public sealed class FeedsCommandTests
{
    static Dictionary<string, string> Environment(TestKnowledgeBase kb, bool allowPrivate = true) => new()
    {
        ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
        ["TALKSBOT__SOURCES__ALLOWPRIVATENETWORKS"] = allowPrivate ? "true" : "false",
        ["TALKSBOT__FEEDS__INTERVAL"] = "00:00:01", ["TALKSBOT__FEEDS__FAILURESBEFOREDEGRADED"] = "2",
    };

    [Fact]
    public async Task AFeedIsFollowedListedAndAFeedThatKeepsFailingShowsInHealthzByNameUntilItRecovers()
    {
        await using var site = await FeedSite.StartAsync();
        site.AddSavedPages(3);
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var environment = Environment(kb);

        var added = await TalksBotProcess.RunAsync(kb.Root, environment, "feeds", "add", site.FeedUrl);
        Assert.True(added.Exit == 0, added.Out + added.Err);
        Assert.Contains($"Following {site.FeedUrl} (Local News).", added.Out);
        Assert.Contains("3 items: 3 added", added.Out);
        var again = await TalksBotProcess.RunAsync(kb.Root, environment, "feeds", "add", site.FeedUrl);
        Assert.Equal(1, again.Exit);
        Assert.Contains("is followed already", again.Err);

        var serve = new BotProcess(kb.Root, environment);
        var url = await serve.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal("ok", (await http.GetFromJsonAsync<JsonObject>("/healthz"))!["status"]!.GetValue<string>());
            site.FeedStatus = 500;
            var health = await WaitForAsync(http, h => h["status"]!.GetValue<string>() == "degraded");
            Assert.Contains(site.FeedUrl, health["feeds"]![0]!.GetValue<string>());
            Assert.Contains("answered 500", health["feeds"]![0]!.GetValue<string>());

            // Through the running serve: the list shows the error.
            var list = await TalksBotProcess.RunAsync(kb.Root, environment, "feeds", "list");
            Assert.Contains("3 items seen, 3 indexed", list.Out);
            Assert.Contains("answered 500", list.Out);

            site.FeedStatus = null;
            await WaitForAsync(http, h => h["status"]!.GetValue<string>() == "ok");
            Assert.Empty(serve.Errors);

            var removed = await TalksBotProcess.RunAsync(kb.Root, environment, "feeds", "remove", site.FeedUrl);
            Assert.Contains("No longer following", removed.Out);
            Assert.Contains("No feeds are followed", (await TalksBotProcess.RunAsync(kb.Root, environment, "feeds", "list")).Out);
        }
        finally
        {
            await serve.StopAsync();
        }
        Assert.Equal(3, Directory.GetFiles(kb.Seeds, "web-*").Length); // the sources it brought stay
    }

    static async Task<JsonObject> WaitForAsync(HttpClient http, Func<JsonObject, bool> condition)
    {
        JsonObject health = [];
        for (var i = 0; i < 100; i++)
        {
            health = (await http.GetFromJsonAsync<JsonObject>("/healthz"))!;
            if (condition(health)) return health;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("healthz stayed " + health.ToJsonString());
    }

    [Theory]
    [InlineData("/dtd", "declares a DTD, which is not read")]
    [InlineData("/broken", "is not well-formed XML")]
    [InlineData("/page", "is text/html, not an RSS, Atom or JSON feed")]
    [InlineData("/not-a-feed", "is XML but not a feed")]
    [InlineData("/missing", "answered 404")]
    public async Task ALinkThatIsNotAFeedOrIsHostileIsRefusedWithItsReasonAndNothingIsFollowed(string path, string reason)
    {
        await using var server = await LocalServer.StartAsync(app =>
        {
            app.MapGet("/dtd", () => Results.Content("""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>""", "application/rss+xml"));
            app.MapGet("/broken", () => Results.Content("<rss><channel><title>Half", "application/xml"));
            app.MapGet("/page", () => Results.Content("<html><body>Hello</body></html>", "text/html"));
            app.MapGet("/not-a-feed", () => Results.Content("<config><item>1</item></config>", "text/xml"));
        });
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, output, error) = await TalksBotProcess.RunAsync(kb.Root, Environment(kb), "feeds", "add", server.Url + path);
        Assert.Equal(1, exit);
        Assert.Contains(reason, error);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Contains("No feeds are followed", (await TalksBotProcess.RunAsync(kb.Root, Environment(kb), "feeds", "list")).Out);
    }

    [Fact]
    public async Task AFeedOnAPrivateAddressIsRefusedUnlessAllowed()
    {
        await using var site = await FeedSite.StartAsync();
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var (exit, _, error) = await TalksBotProcess.RunAsync(kb.Root, Environment(kb, allowPrivate: false), "feeds", "add", site.FeedUrl);
        Assert.Equal(1, exit);
        Assert.Contains("private, loopback or link-local address", error);
        Assert.Equal(0, site.Requests("/feed.xml"));
    }
}
