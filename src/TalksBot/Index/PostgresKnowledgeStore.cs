using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TalksBot.Search;
using TalksBot.Storage;

namespace TalksBot.Index;

/// <summary>
/// The knowledge base in PostgreSQL, shared by every replica. A commit is one transaction that counts
/// the generation up and notifies the other replicas (<see cref="Channel"/>), delivered when it commits;
/// a read is one repeatable-read transaction, so a snapshot never holds half of a commit.
/// </summary>
public sealed class PostgresKnowledgeStore(PostgresDatabase database) : IKnowledgeStore
{
    /// <summary>The LISTEN/NOTIFY channel a commit announces its generation on.</summary>
    public const string Channel = "talksbot_index";

    public string Location => database.Location;

    public async Task<long> SizeBytesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<long>("SELECT pg_database_size(current_database())", cancellationToken);
    }

    public async Task<string?> FingerprintAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<string?>("SELECT value FROM index_meta WHERE key = 'fingerprint'", cancellationToken);
    }

    public async Task<long> GenerationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Generation(connection, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredSource>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sources(connection, cancellationToken);
    }

    public async Task<StoredIndex> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var generation = await Generation(connection, cancellationToken);
        var sources = await Sources(connection, cancellationToken);
        var chunks = new List<AnalysedChunk>();
        var terms = new TermPool();
        await using (var command = new NpgsqlCommand("SELECT source, idx, text, language, sentences, terms, vector FROM chunks", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                chunks.Add(new StoredChunk
                {
                    Source = reader.GetString(0), Index = reader.GetInt32(1), Text = reader.GetString(2), Language = reader.GetString(3),
                    Sentences = reader.GetFieldValue<int[]>(4), Terms = reader.GetString(5), Vector = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                }.ToAnalysed(terms));
        await transaction.CommitAsync(cancellationToken);
        chunks.Sort((a, b) => string.CompareOrdinal(a.Indexed.Chunk.Source, b.Indexed.Chunk.Source) is var bySource and not 0 ? bySource : a.Indexed.Chunk.Index.CompareTo(b.Indexed.Chunk.Index));
        return new StoredIndex(generation, sources, chunks);
    }

    public async Task<IReadOnlyList<IndexRun>> RunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, data FROM index_runs ORDER BY id DESC LIMIT $1", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<IndexRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = JsonSerializer.Deserialize<IndexRun>(reader.GetString(1))!;
            run.Id = reader.GetInt32(0);
            runs.Add(run);
        }
        return runs;
    }

    public async Task<long> CommitAsync(IndexChange change, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A run that changed nothing leaves the generation as it was: no replica reloads for it.
        var changed = change.Upserts.Count > 0 || change.Removed.Count > 0
            || await connection.ScalarAsync<string?>("SELECT value FROM index_meta WHERE key = 'fingerprint' FOR UPDATE", cancellationToken) != change.Fingerprint;
        string[] replaced = [.. change.Removed, .. change.Upserts.Select(u => u.Source.Id)];
        await connection.ExecuteAsync("DELETE FROM chunks WHERE source = ANY($1)", cancellationToken, (object)replaced);
        await connection.ExecuteAsync("DELETE FROM sources WHERE id = ANY($1)", cancellationToken, (object)change.Removed.ToArray());
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY chunks (source, idx, text, language, sentences, terms, vector) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var chunk in change.Upserts.SelectMany(u => u.Chunks).Select(StoredChunk.From))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(chunk.Source, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(chunk.Index, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(chunk.Language, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(chunk.Sentences, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(chunk.Terms, NpgsqlDbType.Text, cancellationToken);
                if (chunk.Vector is null) await copy.WriteNullAsync(cancellationToken);
                else await copy.WriteAsync(chunk.Vector, NpgsqlDbType.Bytea, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        foreach (var (source, _) in change.Upserts)
            await connection.ExecuteAsync("INSERT INTO sources (id, data) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET data = excluded.data",
                cancellationToken, source.Id, JsonSerializer.Serialize(source));
        await connection.ExecuteAsync("INSERT INTO index_meta VALUES ('fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            cancellationToken, change.Fingerprint);
        var generation = long.Parse((await connection.ScalarAsync<string>(
            "UPDATE index_meta SET value = (value::bigint + $1)::text WHERE key = 'generation' RETURNING value", cancellationToken, changed ? 1 : 0))!);
        change.Run.Id = await InsertRun(connection, change.Run, cancellationToken);
        if (changed) await connection.ExecuteAsync($"SELECT pg_notify('{Channel}', $1)", cancellationToken, generation.ToString());
        await transaction.CommitAsync(cancellationToken);
        return generation;
    }

    public async Task RecordAsync(IndexRun run, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        run.Id = await InsertRun(connection, run, cancellationToken);
    }

    public Task<IHeldLock?> LockReindexAsync(bool wait, CancellationToken cancellationToken = default) =>
        database.LockAsync(PostgresDatabase.ReindexLock, wait, cancellationToken);

    static async Task<int> InsertRun(NpgsqlConnection connection, IndexRun run, CancellationToken cancellationToken)
    {
        return await connection.ScalarAsync<int>("INSERT INTO index_runs (data) VALUES ($1::jsonb) RETURNING id", cancellationToken, JsonSerializer.Serialize(run));
    }

    static async Task<long> Generation(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        long.Parse((await connection.ScalarAsync<string>("SELECT value FROM index_meta WHERE key = 'generation'", cancellationToken))!);

    static async Task<IReadOnlyList<StoredSource>> Sources(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT data FROM sources ORDER BY id COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sources = new List<StoredSource>();
        while (await reader.ReadAsync(cancellationToken)) sources.Add(JsonSerializer.Deserialize<StoredSource>(reader.GetString(0))!);
        return sources;
    }
}
