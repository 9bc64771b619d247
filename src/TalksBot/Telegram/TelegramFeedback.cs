using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using TalksBot.Feedback;

namespace TalksBot.Telegram;

/// <summary>
/// The 👍/👎 keyboard under an answer and the presses on it: each press is answered (answerCallbackQuery,
/// so the button stops spinning), and a counted vote redraws the keyboard with the counts; after a plain
/// 👎 a second row asks what was wrong. A press the bot cannot count is told why and changes nothing.
/// </summary>
public sealed partial class TelegramFeedback(ITelegramBotClient bot, FeedbackService feedback, ILogger<TelegramFeedback> logger)
{
    public static InlineKeyboardMarkup Keyboard(string key, int helpful = 0, int unhelpful = 0, bool askWhy = false, bool dutch = false)
    {
        var rows = new List<InlineKeyboardButton[]>
        {
            new[]
            {
                InlineKeyboardButton.WithCallbackData(FeedbackTexts.Face(true, helpful), FeedbackButton.Data(key, Questions.FeedbackChoice.Helpful)),
                InlineKeyboardButton.WithCallbackData(FeedbackTexts.Face(false, unhelpful), FeedbackButton.Data(key, Questions.FeedbackChoice.Unhelpful)),
            },
        };
        if (askWhy) rows.Add([.. FeedbackTexts.Reasons.Select(r => InlineKeyboardButton.WithCallbackData(FeedbackTexts.Reason(r, dutch), FeedbackButton.Data(key, r)))]);
        return new InlineKeyboardMarkup(rows);
    }

    public async Task HandleAsync(CallbackQuery press, CancellationToken cancellationToken)
    {
        var dutch = (press.From.LanguageCode ?? "").StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var result = await feedback.PressAsync("telegram", press.Data, $"telegram:{press.From.Id}", cancellationToken);
        var told = result.Status switch
        {
            FeedbackStatus.Noted => result.AskWhy ? FeedbackTexts.ThanksWhy(dutch) : FeedbackTexts.Thanks(dutch),
            FeedbackStatus.Unknown => FeedbackTexts.Unknown(dutch),
            FeedbackStatus.NotOurs => FeedbackTexts.NotOurs(dutch),
            _ => FeedbackTexts.Unavailable(dutch),
        };
        try
        {
            await bot.AnswerCallbackQuery(press.Id, told, cancellationToken: cancellationToken);
            if (result is { Status: FeedbackStatus.Noted, Key: { } key, Outcome: { } votes } && press.Message is { } message)
                await bot.EditMessageReplyMarkup(message.Chat.Id, message.MessageId, Keyboard(key, votes.Helpful, votes.Unhelpful, result.AskWhy, dutch),
                    cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            // A press answered too late (Telegram allows about 15 s), or a keyboard unchanged: the vote is counted all the same.
            LogNotShown(logger, e.GetType().Name, (e as ApiRequestException)?.ErrorCode ?? 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A feedback press was counted but could not be shown ({Kind}, code {Code})")]
    static partial void LogNotShown(ILogger logger, string kind, int code);
}
