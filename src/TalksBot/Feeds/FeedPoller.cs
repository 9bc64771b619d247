using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Index;
using TalksBot.Sources;

namespace TalksBot.Feeds;

/// <summary>What following a feed did: its first poll (null when another replica polls it), or why it was not followed.</summary>
public sealed record FeedAdded(string? Url, FeedPoll? Poll, string? Problem, bool AlreadyFollowed = false);

/// <summary>How one poll of a feed went.</summary>
public sealed record FeedPoll(string Url, string? Title, bool NotModified, int Items, int Added, int Updated, int Copies, int Failed, string? Problem);

/// <summary>
/// Polls the followed feeds: a conditional request each (an unchanged feed is a 304 and nothing more), then
/// every new or edited item's page fetched and saved as a source like a link added by hand, and one reindex
/// for all of them. An item that fails is tried again at the next polls, waiting longer each time; a copy of
/// an article already indexed (the same wire story on another site) is not indexed twice. With replicas, the
/// one holding the store's polling lock polls; the others find it held and leave it.
/// </summary>
public sealed partial class FeedPoller(IFeedStore store, SafeFetcher fetcher, LinkSources links, KnowledgeBase knowledge,
    IOptions<FeedsOptions> options, TimeProvider time, ILogger<FeedPoller> logger)
{
    static readonly string ThisProcess = $"{Environment.MachineName}/{Environment.ProcessId}";

    FeedsOptions Options => options.Value;

    /// <summary>The link as feeds are known by: absolute, without a fragment.</summary>
    public static string? Normalise(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Query) : null;

    /// <summary>Follows a feed, after reading it once (a link that is not a feed is refused), and polls it now where no other replica is polling.</summary>
    public async Task<FeedAdded> AddAsync(string link, CancellationToken cancellationToken = default)
    {
        if (Normalise(link) is not { } url) return new(null, null, $"\"{link}\" is not an http or https link");
        var fetched = await fetcher.FetchFeedAsync(url, null, null, cancellationToken);
        if (fetched.Problem is not null) return new(url, null, fetched.Problem);
        var document = FeedDocument.Parse(fetched.Body!, fetched.Address!);
        if (document.Problem is not null) return new(url, null, $"{url} {document.Problem}");
        var feed = new FeedRecord { Url = url, Title = document.Title, AddedAt = time.GetUtcNow().UtcDateTime };
        if (!await store.AddAsync(feed, cancellationToken)) return new(url, null, $"{url} is followed already", AlreadyFollowed: true);
        await using var held = await store.TryLockPollingAsync(cancellationToken);
        if (held is null) return new(url, null, null); // another replica polls: it finds the feed due
        var poll = await PollOneAsync(feed, new NearCopies(), fetched, cancellationToken);
        if (poll.Added + poll.Updated > 0) await knowledge.ReindexAsync(cancellationToken: cancellationToken);
        return new(url, poll, null);
    }

    /// <summary>Polls the feeds that are due (every one with <paramref name="all"/>); null when another replica is polling.</summary>
    public async Task<IReadOnlyList<FeedPoll>?> PollAsync(bool all, CancellationToken cancellationToken = default)
    {
        await using var held = await store.TryLockPollingAsync(cancellationToken);
        if (held is null) return null;
        var now = time.GetUtcNow().UtcDateTime;
        // Read under the lock: what the last holder wrote says which feeds are due.
        var due = (await store.ListAsync(cancellationToken)).Where(f => all || f.LastPollAt is null || f.LastPollAt + Options.Interval <= now).ToList();
        var copies = new NearCopies();
        var polls = new List<FeedPoll>();
        foreach (var feed in due) polls.Add(await PollOneAsync(feed, copies, null, cancellationToken));
        if (polls.Any(p => p.Added + p.Updated > 0)) await knowledge.ReindexAsync(cancellationToken: cancellationToken);
        return polls;
    }

    /// <summary>The feeds that failed Feeds:FailuresBeforeDegraded polls in a row, each with its last error.</summary>
    public async Task<IReadOnlyList<string>> FailingAsync(CancellationToken cancellationToken = default) =>
        (await store.ListAsync(cancellationToken)).Where(f => f.Failures >= Options.FailuresBeforeDegraded)
            .Select(f => $"{f.Url}: {f.LastError} ({f.Failures} polls failed in a row)").ToList();

    async Task<FeedPoll> PollOneAsync(FeedRecord feed, NearCopies copies, Fetched? fetched, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        fetched ??= await fetcher.FetchFeedAsync(feed.Url, feed.ETag, feed.LastModified, cancellationToken);
        (feed.LastPollAt, feed.PolledBy) = (now, ThisProcess);
        var problem = fetched.Problem;
        if (problem is null && !fetched.NotModified)
        {
            var document = FeedDocument.Parse(fetched.Body!, fetched.Address!);
            if (document.Problem is not null) problem = $"{feed.Url} {document.Problem}";
            else
            {
                Merge(feed, document);
                (feed.ETag, feed.LastModified) = (fetched.ETag, fetched.LastModified);
            }
        }
        if (problem is not null)
        {
            (feed.LastError, feed.Failures) = (problem, feed.Failures + 1);
            LogFeedFailed(logger, feed.Url, problem);
            await store.SaveAsync(feed, cancellationToken);
            return new(feed.Url, feed.Title, false, feed.Items.Count, 0, 0, 0, 0, problem);
        }
        (feed.LastError, feed.Failures, feed.LastSuccessAt) = (null, 0, now);
        int added = 0, updated = 0, same = 0, failed = 0;
        // An unchanged feed (304) still has its waiting and failed items to take in.
        foreach (var item in feed.Items.Where(i => !i.Done && (i.RetryAt is null || i.RetryAt <= now)).Take(Options.MaxItemsPerPoll).ToList())
        {
            var saved = await links.SaveAsync(item.Link, copies, item.Published, cancellationToken);
            if (saved.Problem is not null)
            {
                item.Attempts++;
                (item.Error, item.RetryAt) = (saved.Problem, now + Options.Interval * Math.Pow(2, Math.Min(item.Attempts - 1, 6)));
                failed++;
                continue;
            }
            (item.Done, item.Error, item.RetryAt, item.Source, item.SameAs) = (true, null, null, saved.SameAs is null ? saved.Name : null, saved.SameAs);
            if (saved.SameAs is not null) same++;
            else if (saved.Replaced) updated++;
            else added++;
        }
        await store.SaveAsync(feed, cancellationToken);
        LogPolled(logger, feed.Url, fetched.NotModified, added, updated, same, failed);
        return new(feed.Url, feed.Title, fetched.NotModified, feed.Items.Count, added, updated, same, failed, null);
    }

    /// <summary>The items of the new document, each with what is known of it: an edited one (another version) waits to be read again.</summary>
    static void Merge(FeedRecord feed, FeedDocument document)
    {
        var known = feed.Items.ToDictionary(i => i.Id);
        feed.Title = document.Title ?? feed.Title;
        feed.Items = document.Entries.Select(entry =>
        {
            if (known.TryGetValue(entry.Id, out var item) && item.Version == entry.Version) return item;
            return new FeedItemState { Id = entry.Id, Link = entry.Link, Title = entry.Title, Published = entry.Published, Version = entry.Version, Source = item?.Source };
        }).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Url} could not be polled: {Problem}")]
    static partial void LogFeedFailed(ILogger logger, string url, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Url} polled (unchanged: {NotModified}): {Added} added, {Updated} updated, {Copies} copies of indexed articles, {Failed} failed")]
    static partial void LogPolled(ILogger logger, string url, bool notModified, int added, int updated, int copies, int failed);
}
