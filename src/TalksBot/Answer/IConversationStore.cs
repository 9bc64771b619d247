namespace TalksBot.Answer;

/// <summary>The recent turns of each conversation, bounded and expiring. LiteDB today; the seam for a shared store.</summary>
public interface IConversationStore
{
    /// <summary>The conversation's turns, oldest first; none when it has expired or never was.</summary>
    IReadOnlyList<ConversationTurn> Recent(string conversationId);

    void Append(string conversationId, ConversationTurn turn);
}
