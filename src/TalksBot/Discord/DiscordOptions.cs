namespace TalksBot.Discord;

/// <summary>The Discord front end (section "Discord"); the interactions endpoint is on when a public key is set.</summary>
public sealed class DiscordOptions
{
    public string? ApplicationId { get; set; }

    /// <summary>The application's public key (hex), from the Developer Portal: every request's signature is checked against it.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Bot token, for registering commands. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API; tests point it at a local server.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Requests older or newer than this are refused, so a captured request cannot be replayed later.</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>/ask per user per minute (across replicas), as on Telegram: past it the user is told to slow down, privately; 0 for none.</summary>
    public int QuestionsPerUserPerMinute { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(PublicKey);
}
