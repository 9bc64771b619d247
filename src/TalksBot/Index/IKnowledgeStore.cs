namespace TalksBot.Index;

/// <summary>
/// Where the knowledge base persists. LiteDB on one machine today; the seam for PostgreSQL when
/// several replicas share one store.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Where the data lives, for people (a path, a connection without its password).</summary>
    string Location { get; }

    long SizeBytes { get; }

    /// <summary>The settings the stored chunks were built with; null before the first index.</summary>
    string? Fingerprint { get; }

    IReadOnlyList<StoredSource> Sources();

    IEnumerable<StoredChunk> Chunks();

    IReadOnlyList<IndexRun> Runs(int limit);

    /// <summary>Writes the whole change or, on any failure or cancellation, nothing.</summary>
    void Commit(IndexChange change, CancellationToken cancellationToken);

    /// <summary>Keeps the record of a run that changed nothing (failed or cancelled).</summary>
    void Record(IndexRun run);
}
