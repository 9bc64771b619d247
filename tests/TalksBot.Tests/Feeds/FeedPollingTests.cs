using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Feeds;

namespace TalksBot.Tests.Feeds;

/// <summary>Following a feed on a local news site: each item read once, a 304 costs nothing, an edit is read again, a copy is not indexed twice.</summary>
public sealed class FeedPollingTests
{
    static readonly Dictionary<string, string?> Local = new() { ["Sources:AllowPrivateNetworks"] = "true", ["Feeds:Interval"] = "00:00:01" };

    static string Article(string canonical, string headline, string body) => $"""
        <html lang="en"><head><title>{headline} | Harbour Times</title><link rel="canonical" href="{canonical}">
        <meta property="og:site_name" content="Harbour Times"></head><body><nav><a href="/">Home</a> <a href="/port">Port</a></nav>
        <article><h1>{headline}</h1>{body}</article><footer>© Harbour Times</footer></body></html>
        """;

    const string Ferry = """
        <p>The harbour authority opened the new ferry terminal on the east quay on Tuesday after three years of building work.</p>
        <p>The terminal has four berths and a waiting hall for six hundred passengers, the authority said in a statement.</p>
        <p>Ferries to the islands will leave from the east quay from next month, and the old pier will close in the spring.</p>
        <p>Local traders welcomed the move, saying the old pier had been too small for the summer crowds for many years.</p>
        """;

    [Fact]
    public async Task AFeedOfFiftyItemsIsIndexedOnceA304FetchesNothingAnEditIsReadAgainAndACopyIsNotIndexedTwice()
    {
        await using var site = await FeedSite.StartAsync();
        site.AddSavedPages(49);
        site.SetPage("/port/ferry", Article(site.Url + "/port/ferry", "Ferry terminal opens", Ferry));
        site.Items.Insert(0, ("/port/ferry", "Ferry terminal opens", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = kb.Start(Local);
        var poller = services.GetRequiredService<FeedPoller>();

        var (_, first, problem, _) = await poller.AddAsync(site.FeedUrl);
        Assert.Null(problem);
        Assert.Equal((50, 0, 0), (first!.Items, first.Updated, first.Failed));
        Assert.Equal(50, first.Added + first.Copies);
        Assert.Equal(first.Added, Directory.GetFiles(kb.Seeds, "web-*").Length);
        Assert.Equal(50, site.PageRequests);
        Assert.Equal(first.Added, (await services.Knowledge().GetAsync()).Sources.Count);

        // Unchanged: the feed answers 304 and no page is fetched again.
        var again = Assert.Single((await poller.PollAsync(all: true))!);
        Assert.True(again.NotModified);
        Assert.Equal((0, 0, 0), (again.Added, again.Updated, again.Failed));
        Assert.Equal(50, site.PageRequests);
        Assert.Equal(2, site.Requests("/feed.xml")); // once when added (read and polled at once), once now

        // An edited item (new text, new date in the feed) is read again and replaces its source.
        site.SetPage("/port/ferry", Article(site.Url + "/port/ferry", "Ferry terminal opens", Ferry.Replace("four berths", "five berths")));
        site.Items[0] = (site.Items[0].Path, site.Items[0].Title, site.Items[0].Date.AddHours(3));
        var edited = Assert.Single((await poller.PollAsync(all: true))!);
        Assert.Equal((0, 1, 0), (edited.Added, edited.Updated, edited.Copies));
        Assert.Equal(51, site.PageRequests);
        var answer = await services.GetRequiredService<AnswerService>().AskAsync("How many berths does the new ferry terminal have?");
        Assert.Contains("five berths", answer.Text);

        // The same story syndicated under another address (another site's furniture, its own canonical link) is not indexed twice.
        site.SetPage("/wire/ferry-terminal", Article(site.Url + "/wire/ferry-terminal", "New ferry terminal opens on east quay", Ferry.Replace("four berths", "five berths") + "<p>Reporting by the wire desk.</p>"));
        site.Items.Add(("/wire/ferry-terminal", "New ferry terminal opens", new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero)));
        var copy = Assert.Single((await poller.PollAsync(all: true))!);
        Assert.Equal((0, 0, 1), (copy.Added, copy.Updated, copy.Copies));
        Assert.Equal(first.Added, Directory.GetFiles(kb.Seeds, "web-*").Length);
        var record = Assert.Single(await services.GetRequiredService<IFeedStore>().ListAsync());
        Assert.StartsWith("web-127-0-0-1-", record.Items.Single(i => i.Link.EndsWith("/wire/ferry-terminal")).SameAs);
    }

    [Fact]
    public async Task AnItemThatFailsIsShownWithItsErrorAndTakenInWhenItsPageComesBack()
    {
        await using var site = await FeedSite.StartAsync();
        site.Items.Add(("/port/ferry", "Ferry terminal opens", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = kb.Start(Local);
        var poller = services.GetRequiredService<FeedPoller>();

        var first = (await poller.AddAsync(site.FeedUrl)).Poll;
        Assert.Equal((1, 0), (first!.Failed, first.Added));
        var item = Assert.Single(Assert.Single(await services.GetRequiredService<IFeedStore>().ListAsync()).Items);
        Assert.Contains("answered 404", item.Error);
        Assert.Equal(1, item.Attempts);

        // Not tried again before its retry time, even on a poll of every feed (the feed is a 304 then).
        var early = Assert.Single((await poller.PollAsync(all: true))!);
        Assert.Equal((true, 0), (early.NotModified, early.Failed));
        Assert.Equal(1, site.Requests("/port/ferry"));

        site.SetPage("/port/ferry", Article(site.Url + "/port/ferry", "Ferry terminal opens", Ferry));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // Feeds:Interval is 1 s: the first retry waits that long
        var retried = Assert.Single((await poller.PollAsync(all: false))!);
        Assert.Equal((1, 0), (retried.Added, retried.Failed));
        item = Assert.Single(Assert.Single(await services.GetRequiredService<IFeedStore>().ListAsync()).Items);
        Assert.Null(item.Error);
        Assert.NotNull(item.Source);
        Assert.Contains("four berths", (await services.GetRequiredService<AnswerService>().AskAsync("How many berths does the ferry terminal have?")).Text);
    }
}
