namespace TalksBot.Telegram;

/// <summary>The Telegram front end (section "Telegram"); it is on when a token is set.</summary>
public sealed class TelegramOptions
{
    /// <summary>The bot token from BotFather. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Bot API server; empty means Telegram's own. A self-hosted Bot API server or a test server goes here.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>"polling" (default) or "webhook".</summary>
    public string Mode { get; set; } = "polling";

    /// <summary>The public HTTPS URL Telegram posts to, ending in /telegram/webhook (for `telegram webhook set`).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required in webhook mode.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Long-polling wait, in seconds.</summary>
    public int PollSeconds { get; set; } = 25;

    /// <summary>Outgoing limits, as Telegram documents them: per chat per second, per group per minute, in all per second. 0 lifts a limit.</summary>
    public int ChatMessagesPerSecond { get; set; } = 1;
    public int GroupMessagesPerMinute { get; set; } = 20;
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>
    /// "typing…" is shown once an answer has taken this long (milliseconds; 0: before every answer). The Bot
    /// API recommends it only for a noticeable wait: the offline engine answers in a millisecond, a model in seconds.
    /// </summary>
    public int TypingAfterMs { get; set; } = 500;

    /// <summary>Questions one user may ask per minute before the bot asks them to slow down.</summary>
    public int QuestionsPerUserPerMinute { get; set; } = 8;

    /// <summary>
    /// With replicas (Storage:Provider = postgres): seconds a claim on an update lasts unless its owner
    /// renews it (every third of this while it answers). A replica that dies has its updates taken over after this.
    /// </summary>
    public int ClaimLeaseSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}
