using Microsoft.Extensions.Options;
using LiteDB;
using TalksBot.Answer;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Conversations;

/// <summary>
/// Conversations in the process's LiteDB file, keyed by a hash of their id (a chat or channel id
/// identifies people, so it is not stored in clear), keeping the last Answer:ConversationTurns turns
/// for Answer:ConversationMinutes after the last one.
/// </summary>
public sealed class LiteDbConversationStore : IConversationStore
{
    sealed class Conversation
    {
        public string Id { get; set; } = "";
        public DateTime UpdatedAt { get; set; }
        public List<ConversationTurn> Turns { get; set; } = [];
    }

    readonly ILiteCollection<Conversation> conversations;
    readonly AnswerOptions options;
    readonly TimeProvider time;
    readonly LiteDbGroupCommit writes;
    int appended;

    public LiteDbConversationStore(LiteDatabase db, LiteDbGroupCommit writes, IOptions<AnswerOptions> options, TimeProvider time)
    {
        this.writes = writes;
        conversations = db.GetCollection<Conversation>("conversations");
        conversations.EnsureIndex(c => c.UpdatedAt);
        this.options = options.Value;
        this.time = time;
    }

    DateTime Cutoff => time.GetUtcNow().UtcDateTime.AddMinutes(-options.ConversationMinutes);

    public Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var conversation = conversations.FindById(IConversationStore.Key(conversationId));
        return Task.FromResult<IReadOnlyList<ConversationTurn>>(conversation is null || conversation.UpdatedAt < Cutoff ? [] : conversation.Turns);
    }

    public Task AppendAsync(string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default) => writes.RunAsync(() =>
    {
        var key = IConversationStore.Key(conversationId);
        var stored = conversations.FindById(key);
        var conversation = stored is null || stored.UpdatedAt < Cutoff ? new Conversation { Id = key } : stored;
        conversation.Turns.Add(turn);
        if (conversation.Turns.Count > options.ConversationTurns) conversation.Turns.RemoveRange(0, conversation.Turns.Count - options.ConversationTurns);
        conversation.UpdatedAt = turn.At;
        // Looked up already: inserted or updated, not looked up again (as an upsert would).
        if (stored is null) conversations.Insert(conversation);
        else conversations.Update(conversation);
        // Expired conversations are never read (Recent checks the age); clearing them out now and then is enough.
        if (++appended % 100 == 0)
        {
            var cutoff = Cutoff;
            conversations.DeleteMany(c => c.UpdatedAt < cutoff);
        }
    });

    public Task<bool> ForgetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => conversations.Delete(IConversationStore.Key(conversationId)));
}
