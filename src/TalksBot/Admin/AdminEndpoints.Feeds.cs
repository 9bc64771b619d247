using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalksBot.Feeds;

namespace TalksBot.Admin;

/// <summary>The console's feeds panel: the followed feeds with their last poll, items and errors; follow, stop following, poll now.</summary>
public static partial class AdminEndpoints
{
    static void MapFeeds(RouteGroupBuilder api)
    {
        api.MapGet("/feeds", async (IFeedStore store, CancellationToken cancellationToken) =>
            Results.Json((await store.ListAsync(cancellationToken)).Select(FeedJson)));
        api.MapPost("/feeds", async (HttpRequest request, FeedPoller poller) =>
        {
            if (await UrlOfAsync(request) is not { } url) return Error("Send JSON with a \"url\" string.");
            var added = await poller.AddAsync(url, request.HttpContext.RequestAborted);
            if (added.Problem is not null) return Error($"Not followed: {added.Problem}.", added.AlreadyFollowed ? 409 : 422);
            return Results.Json(new { added.Url, added.Poll });
        });
        api.MapDelete("/feeds", async (IFeedStore store, string? url, CancellationToken cancellationToken) =>
            url is not null && FeedPoller.Normalise(url) is { } feed && await store.RemoveAsync(feed, cancellationToken)
                ? Results.Json(new { removed = feed }) : Error($"No feed {url} is followed.", 404));
        api.MapPost("/feeds/poll", async (FeedPoller poller, CancellationToken cancellationToken) =>
            await poller.PollAsync(all: true, cancellationToken) is { } polls ? Results.Json(polls) : Error("The feeds are being polled just now (on schedule, or by another replica); try again in a moment.", 409));
    }

    static object FeedJson(FeedRecord feed) => new
    {
        feed.Url, feed.Title, feed.LastPollAt, feed.LastError, feed.Failures,
        seen = feed.Items.Count, indexed = feed.ItemsIndexed, copies = feed.Items.Count(i => i.SameAs is not null),
        failing = feed.Items.Where(i => i.Error is not null).Select(i => new { i.Link, i.Error, i.Attempts, i.RetryAt }),
    };
}
