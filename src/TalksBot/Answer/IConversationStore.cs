namespace TalksBot.Answer;

/// <summary>The recent turns of each conversation, bounded and expiring: in LiteDB, or in PostgreSQL shared by replicas.</summary>
public interface IConversationStore
{
    /// <summary>The conversation's turns, oldest first; none when it has expired or never was.</summary>
    Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, CancellationToken cancellationToken = default);

    Task AppendAsync(string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default);
}
