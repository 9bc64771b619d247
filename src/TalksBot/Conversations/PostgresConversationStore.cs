using System.Text.Json;
using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Storage;

namespace TalksBot.Conversations;

/// <summary>
/// Conversations in PostgreSQL, so a follow-up is understood whichever replica it reaches. Keyed by
/// <see cref="IConversationStore.Key"/>; a turn is appended under the row's lock.
/// </summary>
public sealed class PostgresConversationStore(PostgresDatabase database, IOptions<AnswerOptions> options, TimeProvider time) : IConversationStore
{
    int appended;

    DateTime Cutoff => time.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.ConversationMinutes);

    public async Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var turns = await connection.ScalarAsync<string>("SELECT turns::text FROM conversations WHERE id = $1 AND updated_at >= $2", cancellationToken,
            IConversationStore.Key(conversationId), Cutoff);
        return turns is null ? [] : JsonSerializer.Deserialize<List<ConversationTurn>>(turns)!;
    }

    public async Task<bool> ForgetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM conversations WHERE id = $1", cancellationToken, IConversationStore.Key(conversationId)) == 1;
    }

    public async Task AppendAsync(string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        var key = IConversationStore.Key(conversationId);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref appended) % 100 == 0)
            await connection.ExecuteAsync("DELETE FROM conversations WHERE updated_at < $1", cancellationToken, Cutoff);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO conversations (id, updated_at, turns) VALUES ($1, $2, '[]') ON CONFLICT (id) DO NOTHING", cancellationToken, key, turn.At);
        await using (var command = connection.Command("SELECT updated_at, turns::text FROM conversations WHERE id = $1 FOR UPDATE", key))
        {
            List<ConversationTurn> turns;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                turns = reader.GetDateTime(0) < Cutoff ? [] : JsonSerializer.Deserialize<List<ConversationTurn>>(reader.GetString(1))!;
            }
            turns.Add(turn);
            if (turns.Count > options.Value.ConversationTurns) turns.RemoveRange(0, turns.Count - options.Value.ConversationTurns);
            await connection.ExecuteAsync("UPDATE conversations SET updated_at = $2, turns = $3::jsonb WHERE id = $1", cancellationToken,
                key, turn.At, JsonSerializer.Serialize(turns));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
