using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TalksBot.Storage;

namespace TalksBot.Feeds;

public static class FeedsExtensions
{
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().BindConfiguration("Feeds")
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.FailuresBeforeDegraded >= 1 && o.MaxItemsPerPoll >= 1,
                "Feeds: Interval at least 00:00:01, FailuresBeforeDegraded and MaxItemsPerPoll at least 1.")
            .ValidateOnStart();
        if (builder.UsesPostgres()) builder.Services.TryAddSingleton<IFeedStore, PostgresFeedStore>();
        else builder.Services.TryAddSingleton<IFeedStore, LiteDbFeedStore>();
        builder.Services.TryAddSingleton<FeedPoller>();
        return builder;
    }
}
