using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>What a reindex writes, all at once: new or changed sources with their chunks, and removed sources.</summary>
public sealed record IndexChange(
    IReadOnlyList<(StoredSource Source, IReadOnlyList<AnalysedChunk> Chunks)> Upserts,
    IReadOnlyList<string> Removed,
    string Fingerprint,
    IndexRun Run)
{
    /// <summary>
    /// The snapshot the store holds once this change is written, being built while the store writes: a store may keep
    /// its image (<see cref="SearchIndex.Image"/>), and then waits for it before it commits.
    /// </summary>
    public Task<SearchIndex>? Snapshot { get; init; }

    /// <summary>Unchanged sources with a new <see cref="Ingest.SeedStamp"/>: kept by a store whose library stamps files, not a change of the index.</summary>
    public IReadOnlyList<StoredSource> Restamped { get; init; } = [];
}
