using Npgsql;
using TalksBot.Storage;

namespace TalksBot.Semantic;

/// <summary>
/// The sentence vectors in the shared PostgreSQL database, one row a batch: what one replica embeds,
/// the others read instead of embedding it again. Synchronous, as the vectors are read inside answering;
/// it is called only when a sentence's vector is not in memory.
/// </summary>
public sealed class PostgresSentenceVectorStore(PostgresDatabase database) : ISentenceVectorStore
{
    public (IReadOnlyList<byte[]> Batches, long Last) ReadAfter(long after)
    {
        using var connection = Open();
        using var command = connection.Command("SELECT id, records FROM sentence_vectors WHERE id > $1 ORDER BY id", after);
        using var reader = command.ExecuteReader();
        var (batches, last) = (new List<byte[]>(), after);
        while (reader.Read())
        {
            last = reader.GetInt64(0);
            batches.Add(reader.GetFieldValue<byte[]>(1));
        }
        return (batches, last);
    }

    public void Append(byte[] batch)
    {
        using var connection = Open();
        using var command = connection.Command("INSERT INTO sentence_vectors (records) VALUES ($1)", batch);
        command.ExecuteNonQuery();
    }

    public Task<IHeldLock?> LockWarmingAsync(CancellationToken cancellationToken) =>
        database.LockAsync(PostgresDatabase.VectorsLock, wait: true, cancellationToken);

    // The first connection of a process brings the schema up to date, which is asynchronous.
    NpgsqlConnection Open() => database.OpenAsync().GetAwaiter().GetResult();
}
