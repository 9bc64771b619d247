using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace TalksBot.Telegram;

/// <summary>
/// Asks Telegram once at start who the token belongs to, so the log says which bot is on ("@name"),
/// or that Telegram rejected the token, before anyone wonders why nobody is answered.
/// </summary>
public sealed partial class TelegramIdentity(ITelegramBotClient bot, ILogger<TelegramIdentity> logger) : BackgroundService
{
    /// <summary>Telegram answers 401 for a token it does not know and 404 for one not shaped like a token.</summary>
    public static bool RejectsToken(ApiRequestException e) => e.ErrorCode is 401 or 404;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var me = await bot.GetMe(stoppingToken);
            LogOnAs(logger, me.Username ?? me.FirstName, me.Id);
        }
        catch (ApiRequestException e) when (RejectsToken(e))
        {
            LogRejected(logger, e.ErrorCode);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            LogUnreachable(logger, e.Message);
        }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram is on as @{Username} (bot {Id})")]
    static partial void LogOnAs(ILogger logger, string username, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram rejected the token ({Code}): check Telegram:Token (TALKSBOT__TELEGRAM__TOKEN) against @BotFather's")]
    static partial void LogRejected(ILogger logger, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not be asked who this bot is ({Reason}); it is asked again as updates come")]
    static partial void LogUnreachable(ILogger logger, string reason);
}
