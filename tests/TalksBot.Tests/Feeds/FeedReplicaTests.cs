using Microsoft.Extensions.DependencyInjection;
using TalksBot.Feeds;
using TalksBot.Tests.Storage;

namespace TalksBot.Tests.Feeds;

/// <summary>Two replicas on one PostgreSQL database, both polling: each item is fetched once, by one of them, and both answer from it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedReplicaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TwoReplicasPollingOneFeedTogetherFetchItOnceAndBothIndexIt()
    {
        await using var site = await FeedSite.StartAsync();
        site.AddSavedPages(6);
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", 2, new() { ["Sources:AllowPrivateNetworks"] = "true", ["Feeds:Interval"] = "00:10:00" });
        await replicas.Get<TalksBot.Index.KnowledgeBase>(0).GetAsync();
        // Followed as a replica that found another polling leaves it: due, not yet read.
        Assert.True(await replicas.Get<IFeedStore>(1).AddAsync(new FeedRecord { Url = site.FeedUrl, AddedAt = DateTime.UtcNow }));

        var polls = await Task.WhenAll(Enumerable.Range(0, 2).SelectMany(_ => new[] { 0, 1 }).Select(r => Task.Run(() => replicas.Get<FeedPoller>(r).PollAsync(all: false))));

        Assert.Equal(1, site.Requests("/feed.xml"));
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(1, site.Requests($"/news/{i}")));
        var poll = Assert.Single(polls.Where(p => p is not null).SelectMany(p => p!));
        Assert.Equal(6, poll.Added + poll.Copies);
        var record = Assert.Single(await replicas.Get<IFeedStore>(0).ListAsync());
        Assert.Equal(poll.Added, record.ItemsIndexed);
        Assert.NotNull(record.PolledBy);

        // The other replica takes in what was indexed, as its snapshot refresher would.
        foreach (var r in new[] { 0, 1 }) await replicas.Get<TalksBot.Index.KnowledgeBase>(r).RefreshAsync();
        foreach (var r in new[] { 0, 1 }) Assert.Equal(poll.Added, (await replicas.Get<TalksBot.Index.KnowledgeBase>(r).GetAsync()).Sources.Count);
    }
}
