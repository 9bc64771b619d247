using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Feeds;
using TalksBot.Index;

namespace TalksBot.Cli;

/// <summary>`feeds add|list|remove|poll`: the RSS, Atom and JSON feeds the bot follows.</summary>
public static class FeedsCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The feed's address (RSS, Atom or JSON Feed)." };
        var add = new Command("add", "Follow a feed: it is read now, and polled every Feeds:Interval.") { url };
        add.SetAction((result, cancellationToken) => ServedVerbs.RunAsync("feeds add", new JsonObject { ["url"] = result.GetValue(url) }, null, cancellationToken));
        var gone = new Argument<string>("url") { Description = "The feed's address, as `feeds list` shows it." };
        var remove = new Command("remove", "Stop following a feed (the sources it brought stay).") { gone };
        remove.SetAction((result, cancellationToken) => ServedVerbs.RunAsync("feeds remove", new JsonObject { ["url"] = result.GetValue(gone) }, null, cancellationToken));
        var list = new Command("list", "The followed feeds: last poll, items seen and indexed, last error.");
        list.SetAction((_, cancellationToken) => ServedVerbs.RunAsync("feeds list", [], null, cancellationToken));
        var poll = new Command("poll", "Poll every followed feed now.");
        poll.SetAction((_, cancellationToken) => ServedVerbs.RunAsync("feeds poll", [], null, cancellationToken));
        return new Command("feeds", "Follow RSS, Atom and JSON feeds: each new item is fetched, its article taken out and indexed.") { add, list, remove, poll };
    }

    public static async Task<VerbOutput> AddAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var link = args["url"]?.GetValue<string>() ?? "";
        var (url, poll, problem, _) = await services.GetRequiredService<FeedPoller>().AddAsync(link, cancellationToken);
        if (problem is not null) return new(1, "", $"Not added: {problem}.\n");
        if (poll is null) return new(0, $"Following {url}; the replica polling feeds reads it within 15 seconds.\n");
        return new(poll.Failed > 0 ? 1 : 0, $"Following {poll.Url}{(poll.Title is null ? "" : $" ({poll.Title})")}.\n{Describe(poll)}\n");
    }

    public static async Task<VerbOutput> PollAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var polls = await services.GetRequiredService<FeedPoller>().PollAsync(all: true, cancellationToken);
        if (polls is null) return new(0, "The feeds are being polled just now (on schedule, or by another replica); try again in a moment.\n");
        if (polls.Count == 0) return new(0, "No feeds are followed (feeds add URL).\n");
        var text = new StringBuilder();
        foreach (var poll in polls) text.AppendLine($"{poll.Url}: {Describe(poll)}");
        return new(polls.Any(p => p.Problem is not null || p.Failed > 0) ? 1 : 0, text.ToString());
    }

    public static async Task<VerbOutput> ListAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var feeds = await services.GetRequiredService<IFeedStore>().ListAsync(cancellationToken);
        if (feeds.Count == 0) return new(0, "No feeds are followed (feeds add URL).\n");
        var text = new StringBuilder();
        foreach (var feed in feeds)
        {
            text.AppendLine($"{feed.Url}{(feed.Title is null ? "" : $" — {feed.Title}")}");
            text.AppendLine($"  last poll {(feed.LastPollAt is { } at ? $"{at:yyyy-MM-dd HH:mm:ss} UTC" : "not yet")}, {feed.Items.Count} items seen, {feed.ItemsIndexed} indexed");
            if (feed.LastError is not null) text.AppendLine($"  ! {feed.LastError} ({feed.Failures} polls failed in a row)");
            foreach (var item in feed.Items.Where(i => i.Error is not null)) text.AppendLine($"  ! {item.Link}: {item.Error} (tried {item.Attempts} times, next {item.RetryAt:yyyy-MM-dd HH:mm} UTC)");
        }
        return new(0, text.ToString());
    }

    public static async Task<VerbOutput> RemoveAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var link = args["url"]?.GetValue<string>() ?? "";
        var url = FeedPoller.Normalise(link);
        if (url is null || !await services.GetRequiredService<IFeedStore>().RemoveAsync(url, cancellationToken)) return new(1, "", $"No feed {link} is followed (see feeds list).\n");
        return new(0, $"No longer following {url}; the sources it brought stay (remove them in the console).\n");
    }

    static string Describe(FeedPoll poll) => poll.Problem is not null ? $"! {poll.Problem}"
        : $"{(poll.NotModified ? "unchanged (304), " : "")}{poll.Items} items: {poll.Added} added, {poll.Updated} updated, {poll.Copies} copies of indexed articles, {poll.Failed} failed";
}
