namespace TalksBot.Conversations;

/// <summary>One question of a conversation and how it was answered.</summary>
public sealed record ConversationTurn(string Question, string Answer, bool Refused, DateTime At);
