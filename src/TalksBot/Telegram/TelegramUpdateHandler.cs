using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using TalksBot.Answer;
using TalksBot.Feedback;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Limits;

namespace TalksBot.Telegram;

/// <summary>
/// Decides what an update asks for and answers it. In a private chat every text is a question; in
/// a group only /ask, a message that mentions the bot, or a reply to the bot (which works with
/// privacy mode on). /start, /help and /sources describe the bot; /forget removes what the log holds
/// of the person. Anything else gets a short polite reply in private and silence in groups. Every
/// answer carries the 👍/👎 keyboard on its last message; presses go to <see cref="TelegramFeedback"/>.
/// </summary>
public sealed partial class TelegramUpdateHandler(
    ITelegramBotClient bot,
    TelegramSender sender,
    AnswerService answers,
    KnowledgeBase knowledge,
    FloodGuard flood,
    TelegramFeedback feedback,
    Forgetting forgetting,
    IOptions<TelegramOptions> options,
    ILogger<TelegramUpdateHandler> logger)
{
    User? me;

    /// <summary>Decides what the update asks for and answers it; edits, channel posts and other bots' messages are left alone.</summary>
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.CallbackQuery is { } press)
        {
            await feedback.HandleAsync(press, cancellationToken);
            return;
        }
        // Edited messages, channel posts and the rest are not questions to answer again.
        if (update.Message is not { From: { IsBot: false } from } message) return;
        me ??= await bot.GetMe(cancellationToken);
        var chat = message.Chat;
        var isPrivate = chat.Type == ChatType.Private;
        var thread = message.IsTopicMessage ? message.MessageThreadId : null;
        var text = message.Text;
        var dutch = (from.LanguageCode ?? "").StartsWith("nl", StringComparison.OrdinalIgnoreCase);

        if (text is null)
        {
            if (isPrivate) await ReplyAsync(chat, message, thread, TelegramFormatter.Text(TelegramTexts.OnlyText(dutch)), cancellationToken);
            return;
        }

        var (command, rest) = Command(text);
        switch (command)
        {
            case "start" or "help":
                await ReplyAsync(chat, message, thread, await HelpAsync(dutch, cancellationToken), cancellationToken);
                return;
            case "sources":
                await ReplyAsync(chat, message, thread, await SourcesAsync(dutch, cancellationToken), cancellationToken);
                return;
            case "forget":
                var forgot = await forgetting.ForgetAsync($"telegram:{from.Id}", Conversation(chat, thread), dutch, cancellationToken);
                await ReplyAsync(chat, message, thread, TelegramFormatter.Text(forgot), cancellationToken);
                return;
            case "ask":
                await AnswerAsync(chat, message, thread, from, rest, dutch, cancellationToken);
                return;
            case not null:
                if (isPrivate) await ReplyAsync(chat, message, thread, await HelpAsync(dutch, cancellationToken), cancellationToken);
                return;
        }

        if (isPrivate) await AnswerAsync(chat, message, thread, from, text, dutch, cancellationToken);
        else if (Mentions(message, text) is { } question) await AnswerAsync(chat, message, thread, from, question, dutch, cancellationToken);
        else if (message.ReplyToMessage?.From?.Id == me.Id) await AnswerAsync(chat, message, thread, from, text, dutch, cancellationToken);
    }

    async Task AnswerAsync(Chat chat, Message message, int? thread, User from, string question, bool dutch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            await ReplyAsync(chat, message, thread, TelegramFormatter.Text(TelegramTexts.AskWhat(dutch)), cancellationToken);
            return;
        }
        dutch = LanguageDetector.Detect(question) == LanguageDetector.Dutch; // the question's language wins over the user's setting
        switch (await flood.CheckAsync($"telegram:{from.Id}", options.Value.QuestionsPerUserPerMinute, cancellationToken))
        {
            case FloodGuard.Verdict.SlowDown:
                await ReplyAsync(chat, message, thread, TelegramFormatter.Text(AboutTexts.SlowDown(dutch)), cancellationToken);
                return;
            case FloodGuard.Verdict.Ignore:
                return;
        }

        var typingAfter = TimeSpan.FromMilliseconds(options.Value.TypingAfterMs);
        if (typingAfter <= TimeSpan.Zero) await sender.TypingAsync(chat, thread, cancellationToken);
        var answering = answers.AskAsync(question, Conversation(chat, thread), new Asker("telegram", $"telegram:{from.Id}"), cancellationToken);
        if (typingAfter > TimeSpan.Zero && await Task.WhenAny(answering, Task.Delay(typingAfter, cancellationToken)) != answering)
            await sender.TypingAsync(chat, thread, cancellationToken);
        var answer = await answering;
        var messages = answer.Error is not null ? TelegramFormatter.Text(answer.Error) : TelegramFormatter.Answer(answer);
        LogAnswered(logger, chat.Type.ToString(), answer.Refused, answer.Citations.Count, messages.Count);
        var keyboard = answer is { Error: null, Key: { } key } ? TelegramFeedback.Keyboard(key) : null;
        await ReplyAsync(chat, message, thread, messages, cancellationToken, keyboard);
    }

    static string Conversation(Chat chat, int? thread) => $"telegram:{chat.Id}:{thread}";

    /// <summary>In a private chat the person is told answering failed, so nobody waits for an answer that will not come (in a group the message may not have been for the bot).</summary>
    public async Task TellFailedAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is { From.IsBot: false, Chat.Type: ChatType.Private } message)
            await ReplyAsync(message.Chat, message, null, TelegramFormatter.Text(AboutTexts.Failed((message.From.LanguageCode ?? "").StartsWith("nl", StringComparison.OrdinalIgnoreCase))), cancellationToken);
    }

    async Task ReplyAsync(Chat chat, Message message, int? thread, List<string> messages, CancellationToken cancellationToken, InlineKeyboardMarkup? keyboard = null)
    {
        // The first part replies to the question; the rest follow it; the keyboard goes under the last.
        for (var i = 0; i < messages.Count; i++)
            await sender.SendAsync(chat, messages[i], i == 0 ? message.MessageId : null, thread, cancellationToken, i == messages.Count - 1 ? keyboard : null);
    }

    async Task<List<string>> HelpAsync(bool dutch, CancellationToken cancellationToken)
    {
        var index = await knowledge.GetAsync(cancellationToken);
        var outlets = index.Sources.Values.Select(s => s.Outlet).OfType<string>().Distinct().Order().ToList();
        return TelegramFormatter.Text(AboutTexts.Help(dutch, outlets, index.Sources.Count, TelegramTexts.HowToAsk));
    }

    async Task<List<string>> SourcesAsync(bool dutch, CancellationToken cancellationToken)
    {
        var index = await knowledge.GetAsync(cancellationToken);
        return TelegramFormatter.Text(AboutTexts.Sources(dutch, index.Sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))));
    }

    /// <summary>"/ask@ThisBot text" is ("ask", "text"); a command for another bot, or no command, is (null, text).</summary>
    (string? Name, string Argument) Command(string text)
    {
        if (!text.StartsWith('/')) return (null, text);
        var space = text.IndexOfAny([' ', '\n']);
        var head = space < 0 ? text[1..] : text[1..space];
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        var at = head.IndexOf('@');
        if (at >= 0)
        {
            if (!string.Equals(head[(at + 1)..], me!.Username, StringComparison.OrdinalIgnoreCase)) return (null, text);
            head = head[..at];
        }
        return (head.ToLowerInvariant(), rest);
    }

    /// <summary>The question of a message that mentions the bot, with the mention taken out; null when it does not.</summary>
    string? Mentions(Message message, string text)
    {
        foreach (var entity in message.Entities ?? [])
        {
            if (entity.Type != MessageEntityType.Mention || entity.Offset + entity.Length > text.Length) continue;
            if (string.Equals(text.Substring(entity.Offset, entity.Length), "@" + me!.Username, StringComparison.OrdinalIgnoreCase))
                return (text[..entity.Offset] + text[(entity.Offset + entity.Length)..]).Trim();
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram question answered in a {ChatType} chat: refused {Refused}, {Citations} citations, {Messages} messages")]
    static partial void LogAnswered(ILogger logger, string chatType, bool refused, int citations, int messages);
}
