using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace TalksBot.Telegram;

/// <summary>
/// Every outgoing message goes through here: Telegram's limits are kept before sending (per chat
/// per second, per group per minute, in all per second), a 429 is waited out by the client, and a
/// 5xx or network failure is retried with backoff. A message Telegram accepted is never sent again.
/// </summary>
public sealed partial class TelegramSender : IDisposable
{
    // Spacing is 6% wider than each limit, so that timer and network jitter never put one message too
    // many in Telegram's window. Per chat and group it also counts from the previous send's
    // completion; under the global limit sends go one at a time, which spaces their arrival.
    const double Margin = 1.06;
    // About two minutes of retrying in all: Telegram's own outages and a proxy's 502s pass within that.
    static readonly TimeSpan[] Backoff = [.. new[] { 0.3, 1, 2, 4, 8, 15, 30, 30, 30 }.Select(TimeSpan.FromSeconds)];
    readonly ITelegramBotClient bot;
    readonly ILogger<TelegramSender> logger;
    readonly IPacer? global;
    readonly IPacer? perChat;
    readonly IPacer? perGroup;
    readonly SemaphoreSlim pacing = new(1, 1);

    public TelegramSender(ITelegramBotClient bot, IOptions<TelegramOptions> options, PacerFactory pacers, ILogger<TelegramSender> logger)
    {
        this.bot = bot;
        this.logger = logger;
        var o = options.Value;
        IPacer? Every(string name, int count, TimeSpan period) => count > 0 ? pacers(name, period / count * Margin) : null;
        global = Every("global", o.MessagesPerSecond, TimeSpan.FromSeconds(1));
        perChat = Every("chat", o.ChatMessagesPerSecond, TimeSpan.FromSeconds(1));
        perGroup = Every("group", o.GroupMessagesPerMinute, TimeSpan.FromMinutes(1));
    }

    public async Task<Message?> SendAsync(Chat chat, string html, int? replyTo, int? threadId, CancellationToken cancellationToken, InlineKeyboardMarkup? keyboard = null)
    {
        Task<Message> Send() => bot.SendMessage(chat.Id, html, ParseMode.Html,
            replyParameters: replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
            replyMarkup: keyboard, messageThreadId: threadId, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken);

        await WaitForChatAsync(chat, cancellationToken);
        try
        {
            if (global is null) return await WithRetriesAsync(Send, cancellationToken);
            // Under the global limit messages go out one at a time, so they reach Telegram as evenly
            // spaced as they were granted; a 429 or an outage then pauses every chat, as it should.
            await pacing.WaitAsync(cancellationToken);
            try
            {
                await global.WaitAsync(0, cancellationToken);
                return await WithRetriesAsync(Send, cancellationToken);
            }
            finally
            {
                pacing.Release();
            }
        }
        finally
        {
            if (perChat is not null) await perChat.DoneAsync(chat.Id, CancellationToken.None);
            if (perGroup is not null && chat.Type is ChatType.Group or ChatType.Supergroup) await perGroup.DoneAsync(chat.Id, CancellationToken.None);
        }
    }

    public async Task TypingAsync(Chat chat, int? threadId, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendChatAction(chat.Id, ChatAction.Typing, threadId, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ApiRequestException or HttpRequestException or RequestException)
        {
            LogTypingFailed(logger, e.GetType().Name); // "typing…" is a courtesy; the answer still goes
        }
    }

    async Task WaitForChatAsync(Chat chat, CancellationToken cancellationToken)
    {
        if (perChat is not null) await perChat.WaitAsync(chat.Id, cancellationToken);
        if (perGroup is not null && chat.Type is ChatType.Group or ChatType.Supergroup) await perGroup.WaitAsync(chat.Id, cancellationToken);
    }

    async Task<T?> WithRetriesAsync<T>(Func<Task<T>> send, CancellationToken cancellationToken) where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (Exception e) when (attempt < Backoff.Length && IsTransient(e))
            {
                LogRetry(logger, attempt + 1, Backoff.Length, e.GetType().Name);
                var retryAfter = TimeSpan.FromSeconds((e as ApiRequestException)?.Parameters?.RetryAfter ?? 0);
                await Task.Delay(retryAfter > Backoff[attempt] ? retryAfter : Backoff[attempt], cancellationToken);
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
            {
                LogSendFailed(logger, e.GetType().Name, (e as ApiRequestException)?.ErrorCode ?? 0);
                return null;
            }
        }
    }

    /// <summary>Server errors, 429s the client gave up on, and failures to reach the server.</summary>
    static bool IsTransient(Exception e) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500 || api.ErrorCode == 429,
        RequestException or HttpRequestException => true,
        _ => false,
    };

    public void Dispose()
    {
        pacing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to Telegram failed ({Kind}), try {Attempt} of {Tries} follows")]
    static partial void LogRetry(ILogger logger, int attempt, int tries, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending to Telegram failed for good ({Kind}, code {Code})")]
    static partial void LogSendFailed(ILogger logger, string kind, int code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The typing indicator failed ({Kind})")]
    static partial void LogTypingFailed(ILogger logger, string kind);
}
