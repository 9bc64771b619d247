using TalksBot.Storage;

namespace TalksBot.Semantic;

/// <summary>
/// Where the sentence vectors persist: in the knowledge base's own database, so a rebuild or a restart
/// embeds only sentences never seen, and replicas sharing PostgreSQL embed each sentence once among them.
/// The store holds opaque batches of records, numbered as they are written.
/// </summary>
public interface ISentenceVectorStore
{
    /// <summary>The batches written after batch <paramref name="after"/> (0 for all), in order, and the number of the last one read.</summary>
    (IReadOnlyList<byte[]> Batches, long Last) ReadAfter(long after);

    void Append(byte[] batch);

    /// <summary>One warm-up at a time among the processes on this store, held until disposed: the next finds the vectors stored.</summary>
    Task<IHeldLock?> LockWarmingAsync(CancellationToken cancellationToken);
}
