namespace TalksBot.Conversations;

/// <summary>The recent turns of each conversation, bounded and expiring: in LiteDB, or in PostgreSQL shared by replicas.</summary>
public interface IConversationStore
{
    /// <summary>The key a conversation is stored under: a hash of its id, since a chat or channel id identifies people.</summary>
    static string Key(string conversationId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(conversationId)));

    /// <summary>The conversation's turns, oldest first; none when it has expired or never was.</summary>
    Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, CancellationToken cancellationToken = default);

    Task AppendAsync(string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Removes the conversation's turns (for /forget); false when there were none.</summary>
    Task<bool> ForgetAsync(string conversationId, CancellationToken cancellationToken = default);
}
