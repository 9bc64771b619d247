namespace TalksBot.Discord;

/// <summary>An /ask acknowledged with a deferred response, waiting to be answered.</summary>
public sealed record DiscordAsk(string ApplicationId, string Token, string Question, bool Private, string ConversationId, string? UserId);
