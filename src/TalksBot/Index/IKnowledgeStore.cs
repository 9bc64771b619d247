using TalksBot.Search;
using TalksBot.Storage;

namespace TalksBot.Index;

/// <summary>
/// Where the knowledge base persists: LiteDB for one process, PostgreSQL for replicas sharing one store.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Where the data lives, for people (a path, a server without its password).</summary>
    string Location { get; }

    Task<long> SizeBytesAsync(CancellationToken cancellationToken = default);

    /// <summary>The settings the stored chunks were built with; null before the first index.</summary>
    Task<string?> FingerprintAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts the commits: a snapshot built at one generation is current until the next.</summary>
    Task<long> GenerationAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredSource>> SourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>Sources and chunks of one generation, read together: never half of a commit. The chunks come by source (ordinal), then by place.</summary>
    Task<StoredIndex> ReadAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IndexRun>> RunsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Writes the whole change or, on any failure or cancellation, nothing; returns the new generation.</summary>
    Task<long> CommitAsync(IndexChange change, CancellationToken cancellationToken = default);

    /// <summary>Keeps the record of a run that changed nothing (failed or cancelled).</summary>
    Task RecordAsync(IndexRun run, CancellationToken cancellationToken = default);

    /// <summary>
    /// The right to reindex, held until disposed: one reindex at a time among all processes on this store.
    /// With <paramref name="wait"/> false, null when another process holds it.
    /// </summary>
    Task<IHeldLock?> LockReindexAsync(bool wait, CancellationToken cancellationToken = default);
}

/// <param name="Image">The snapshot's postings where the store keeps them (its chunks' terms are then left empty).</param>
public sealed record StoredIndex(long Generation, IReadOnlyList<StoredSource> Sources, IReadOnlyList<AnalysedChunk> Chunks, byte[]? Image = null);
