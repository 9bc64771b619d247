using System.Security.Cryptography;
using NpgsqlTypes;
using TalksBot.Observability;
using TalksBot.Storage;

namespace TalksBot.Questions;

/// <summary>
/// The questions log in PostgreSQL: every replica's questions in one log, with one hashing key for
/// users (made by the first replica, read by the others), so the same user is the same hash on all.
/// Written in batches like <see cref="LiteDbQuestionLog"/>; keeps the newest <see cref="IQuestionLog.Keep"/>.
/// </summary>
public sealed class PostgresQuestionLog : IQuestionLog, IAsyncDisposable, IDisposable
{
    readonly PostgresDatabase database;
    readonly Faults faults;
    readonly WriteBehind<QuestionRecord> pending;
    byte[]? key;
    int written;

    public PostgresQuestionLog(PostgresDatabase database, Faults faults)
    {
        this.database = database;
        this.faults = faults;
        pending = new(WriteAsync, faults, "questions log");
    }

    /// <summary>The user is hashed when the batch is written: the key is read from the store once, off the answer's path.</summary>
    public void Record(QuestionRecord record, string? userId)
    {
        record.User = userId;
        pending.Add(record);
    }

    public async Task<(IReadOnlyList<QuestionRecord> Items, int Total)> FindAsync(QuestionQuery query, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : "%" + query.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        const string where = "WHERE (NOT $1 OR refused) AND ($2::text IS NULL OR front_end = $2) AND ($3::text IS NULL OR question ILIKE $3 OR answer ILIKE $3)";
        var total = await connection.ScalarAsync<long>($"SELECT count(*) FROM questions {where}", cancellationToken, query.RefusedOnly, query.FrontEnd, text);
        await using var command = connection.Command(
            $"SELECT id, at, front_end, user_hash, question, answer, refused, sources, latency_ms, engine FROM questions {where} ORDER BY id DESC LIMIT $4 OFFSET $5",
            query.RefusedOnly, query.FrontEnd, text, query.Size, query.Page * query.Size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<QuestionRecord>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(new QuestionRecord
            {
                Id = (int)reader.GetInt64(0), At = reader.GetDateTime(1), FrontEnd = reader.GetString(2), User = reader.IsDBNull(3) ? null : reader.GetString(3),
                Question = reader.GetString(4), Answer = reader.GetString(5), Refused = reader.GetBoolean(6), Sources = [.. reader.GetFieldValue<string[]>(7)],
                LatencyMs = reader.GetDouble(8), Engine = reader.GetString(9),
            });
        return (items, (int)total);
    }

    async Task WriteAsync(List<QuestionRecord> batch)
    {
        // Read once it can be: a fetch that failed (the database away) is tried again with the next batch, not kept as a failure.
        var hashKey = key ??= await KeyAsync();
        await using var connection = await database.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY questions (at, front_end, user_hash, question, answer, refused, sources, latency_ms, engine) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in batch)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.FrontEnd, NpgsqlDbType.Text);
                var user = IQuestionLog.HashUser(hashKey, r.User);
                if (user is null) await copy.WriteNullAsync(); else await copy.WriteAsync(user, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Question, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Answer, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Refused, NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Sources.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(r.LatencyMs, NpgsqlDbType.Double);
                await copy.WriteAsync(r.Engine, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        var total = written += batch.Count; // batches are written one at a time (WriteBehind)
        if (total / 500 > (total - batch.Count) / 500)
            await connection.ExecuteAsync("DELETE FROM questions WHERE id <= (SELECT max(id) FROM questions) - $1", CancellationToken.None, (long)IQuestionLog.Keep);
    }

    async Task<byte[]> KeyAsync()
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO index_meta VALUES ('question_log_key', $1) ON CONFLICT (key) DO NOTHING", CancellationToken.None,
            Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        return Convert.FromHexString((await connection.ScalarAsync<string>("SELECT value FROM index_meta WHERE key = 'question_log_key'", CancellationToken.None))!);
    }

    public async ValueTask DisposeAsync() => await faults.ContainAsync("questions log", pending.FlushAsync);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
