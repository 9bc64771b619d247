namespace TalksBot.Discord;

/// <summary>An /ask acknowledged with a deferred response, waiting to be answered; <paramref name="Id"/> is the interaction's.</summary>
public sealed record DiscordAsk(string Id, string ApplicationId, string Token, string Question, bool Private, string ConversationId, string? UserId);
