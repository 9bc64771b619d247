using System.Security.Cryptography;
using System.Text.Json;
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
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
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

    const string Columns = "id, at, front_end, user_hash, question, answer, refused, sources, latency_ms, engine, answer_key, language, citations, votes, label";

    public async Task<(IReadOnlyList<QuestionRecord> Items, int Total)> FindAsync(QuestionQuery query, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : "%" + query.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        const string where = "WHERE (NOT $1 OR refused) AND ($2::text IS NULL OR front_end = $2) AND ($3::text IS NULL OR question ILIKE $3 OR answer ILIKE $3)"
            + " AND (NOT $4 OR jsonb_path_exists(votes, '$[*] ? (@.helpful == false)')) AND (NOT $5 OR label IS NOT NULL)";
        object?[] filters = [query.RefusedOnly, query.FrontEnd, text, query.UnhelpfulOnly, query.LabelledOnly];
        var total = await connection.ScalarAsync<long>($"SELECT count(*) FROM questions {where}", cancellationToken, filters);
        var items = await ReadAsync(connection, $"SELECT {Columns} FROM questions {where} ORDER BY id DESC LIMIT $6 OFFSET $7", cancellationToken,
            [.. filters, query.Size, query.Page * query.Size]);
        return (items, (int)total);
    }

    public async Task<IReadOnlyList<QuestionRecord>> SinceAsync(DateTime since, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, $"SELECT {Columns} FROM questions WHERE at >= $1 ORDER BY id DESC LIMIT $2", cancellationToken, since, IQuestionLog.Keep);
    }

    /// <summary>Under the row's lock, so two replicas taking votes on one answer at once both count.</summary>
    public async Task<VoteOutcome?> VoteAsync(string key, string userId, FeedbackChoice choice, string frontEnd, DateTime at, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        var person = IQuestionLog.HashUser(this.key ??= await KeyAsync(), userId)!;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.ScalarAsync<string>("SELECT votes::text FROM questions WHERE answer_key = $1 FOR UPDATE", cancellationToken, key);
        if (stored is null) return null;
        var votes = JsonSerializer.Deserialize<List<Vote>>(stored, Json)!;
        var outcome = Votes.Cast(votes, person, choice, frontEnd, at);
        await connection.ExecuteAsync("UPDATE questions SET votes = $2::jsonb WHERE answer_key = $1", cancellationToken, key, JsonSerializer.Serialize(votes, Json));
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<Forgotten> ForgetAsync(string userId, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        var person = IQuestionLog.HashUser(key ??= await KeyAsync(), userId)!;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Votes first, so those on their own answers are counted too.
        var votes = await connection.ScalarAsync<long>("""
            WITH voted AS (SELECT id, votes FROM questions WHERE votes @> jsonb_build_array(jsonb_build_object('person', $1::text)) FOR UPDATE),
                 kept AS (UPDATE questions q SET votes = (SELECT coalesce(jsonb_agg(v), '[]') FROM jsonb_array_elements(voted.votes) v WHERE v->>'person' <> $1)
                          FROM voted WHERE q.id = voted.id RETURNING 1)
            SELECT count(*) FROM kept
            """, cancellationToken, person);
        var questions = await connection.ExecuteAsync("DELETE FROM questions WHERE user_hash = $1", cancellationToken, person);
        await transaction.CommitAsync(cancellationToken);
        return new Forgotten(questions, (int)votes);
    }

    public async Task<int> RemoveBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM questions WHERE at < $1", cancellationToken, cutoff);
    }

    public async Task<bool> LabelAsync(int id, QuestionLabel? label, CancellationToken cancellationToken = default)
    {
        await pending.FlushAsync();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("UPDATE questions SET label = $2::jsonb WHERE id = $1", cancellationToken,
            (long)id, label is null ? null : JsonSerializer.Serialize(label, Json)) == 1;
    }

    static async Task<List<QuestionRecord>> ReadAsync(Npgsql.NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = connection.Command(sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<QuestionRecord>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(new QuestionRecord
            {
                Id = (int)reader.GetInt64(0), At = reader.GetDateTime(1), FrontEnd = reader.GetString(2), User = reader.IsDBNull(3) ? null : reader.GetString(3),
                Question = reader.GetString(4), Answer = reader.GetString(5), Refused = reader.GetBoolean(6), Sources = [.. reader.GetFieldValue<string[]>(7)],
                LatencyMs = reader.GetDouble(8), Engine = reader.GetString(9), Key = reader.IsDBNull(10) ? "" : reader.GetString(10), Language = reader.GetString(11),
                Citations = JsonSerializer.Deserialize<List<LoggedCitation>>(reader.GetString(12), Json)!,
                Votes = JsonSerializer.Deserialize<List<Vote>>(reader.GetString(13), Json)!,
                Label = reader.IsDBNull(14) ? null : JsonSerializer.Deserialize<QuestionLabel>(reader.GetString(14), Json),
            });
        return items;
    }

    async Task WriteAsync(List<QuestionRecord> batch)
    {
        // Read once it can be: a fetch that failed (the database away) is tried again with the next batch, not kept as a failure.
        var hashKey = key ??= await KeyAsync();
        await using var connection = await database.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY questions (at, front_end, user_hash, question, answer, refused, sources, latency_ms, engine, answer_key, language, citations) FROM STDIN (FORMAT BINARY)"))
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
                if (r.Key.Length == 0) await copy.WriteNullAsync(); else await copy.WriteAsync(r.Key, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Language, NpgsqlDbType.Text);
                await copy.WriteAsync(JsonSerializer.Serialize(r.Citations, Json), NpgsqlDbType.Jsonb);
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
