using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalksBot.Feeds;

/// <summary>
/// Polls the feeds that are due, in `serve`. It looks every 15 seconds (or every Feeds:Interval, if shorter),
/// so a feed added on another replica, or left by a replica that stopped, is taken up soon; a feed itself is
/// fetched only once per Feeds:Interval.
/// </summary>
public sealed partial class FeedPolling(FeedPoller poller, IOptions<FeedsOptions> options, ILogger<FeedPolling> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval < TimeSpan.FromSeconds(15) ? interval : TimeSpan.FromSeconds(15));
        do
        {
            try
            {
                await poller.PollAsync(all: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The store away (PostgreSQL restarting) is met again at the next look; nothing is lost, as nothing was marked polled.
                LogPollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling the feeds failed; trying again at the next look")]
    static partial void LogPollFailed(ILogger logger, Exception exception);
}
