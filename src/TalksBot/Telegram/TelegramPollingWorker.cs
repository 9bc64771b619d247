using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

using TalksBot.Observability;
using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// Long polling: fetches updates from the stored offset, answers each chat's updates in order (chats
/// in parallel), then stores the next offset, so a restart neither loses nor repeats an update.
/// Telegram allows one getUpdates at a time per bot: among replicas one polls (it holds the store's
/// polling lock) and the others stand by, trying for the lock every few seconds. Shutdown waits for the batch in hand.
/// </summary>
public sealed partial class TelegramPollingWorker(
    ITelegramBotClient bot,
    TelegramUpdates delivery,
    ITelegramState state,
    IOptions<TelegramOptions> options,
    Faults faults,
    ILogger<TelegramPollingWorker> logger) : BackgroundService
{
    static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.CallbackQuery];

    static readonly TimeSpan StandBy = TimeSpan.FromSeconds(5);

    /// <summary>A token Telegram does not know stays wrong until someone changes it: asked again this rarely.</summary>
    static readonly TimeSpan RejectedRetry = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var standingBy = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var lead = await faults.ContainAsync("telegram state", () => state.TryLeadPollingAsync(CancellationToken.None), null);
            if (lead is not null)
            {
                standingBy = false;
                await PollAsync(lead, stoppingToken);
                continue; // the lead was lost (or the service stops): stand by again
            }
            if (!standingBy) LogStandingBy(logger);
            standingBy = true;
            try { await Task.Delay(StandBy, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Polls while <paramref name="lead"/> is held: a poller whose lock went with its database connection stops, for the one that holds it now.</summary>
    async Task PollAsync(IHeldLock lead, CancellationToken stoppingToken)
    {
        var offset = await faults.ContainAsync("telegram state", () => state.OffsetAsync(CancellationToken.None), 0);
        var failures = 0;
        var removeWebhook = true;
        LogStarted(logger, offset);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await faults.ContainAsync("telegram state", () => lead.StillHeldAsync(CancellationToken.None), false))
            {
                LogLeadLost(logger);
                return;
            }
            Update[] updates;
            try
            {
                // A webhook left set would make getUpdates fail; removing it keeps the pending updates.
                if (removeWebhook) await bot.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                removeWebhook = false;
                updates = await bot.GetUpdates(offset, 100, options.Value.PollSeconds, Wanted, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException e) when (TelegramIdentity.RejectsToken(e))
            {
                if (failures++ == 0) LogTokenRejected(logger, e.ErrorCode, RejectedRetry.TotalMinutes);
                removeWebhook = true;
                try { await Task.Delay(RejectedRetry, stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or OperationCanceledException)
            {
                failures++;
                removeWebhook = true;
                LogPollFailed(logger, e.GetType().Name, failures);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1))), stoppingToken);
                continue;
            }

            // A fetched batch is answered in full even when shutdown begins, then its offset is stored.
            var finished = await Task.WhenAll(updates.GroupBy(TelegramUpdates.ChatOf).Select(chat => delivery.HandleInOrderAsync(chat, CancellationToken.None)));
            if (finished.Sum(f => f.Count) < updates.Length)
            {
                // The store could not claim some: the batch is fetched again in a second (those answered are skipped by their claims).
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            if (updates.Length > 0)
            {
                offset = updates.Max(u => u.Id) + 1;
                // Kept in memory when it cannot be written; after a restart, the claims say what was answered.
                await faults.ContainAsync("telegram state", () => state.SaveOffsetAsync(offset, CancellationToken.None));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: this replica lost the polling lock with its database connection; it stops polling and stands by")]
    static partial void LogLeadLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: another replica is polling; this one stands by")]
    static partial void LogStandingBy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram long polling from update {Offset}")]
    static partial void LogStarted(ILogger logger, int offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram rejected the token ({Code}): check Telegram:Token (TALKSBOT__TELEGRAM__TOKEN) against @BotFather's; polling tries again every {Minutes} minutes")]
    static partial void LogTokenRejected(ILogger logger, int code, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram getUpdates failed ({Kind}), {Failures} in a row; retrying")]
    static partial void LogPollFailed(ILogger logger, string kind, int failures);
}
