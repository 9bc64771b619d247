using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>What a reindex writes, all at once: new or changed sources with their chunks, and removed sources.</summary>
public sealed record IndexChange(
    IReadOnlyList<(StoredSource Source, IReadOnlyList<AnalysedChunk> Chunks)> Upserts,
    IReadOnlyList<string> Removed,
    string Fingerprint,
    IndexRun Run)
{
    /// <summary>The snapshot the store holds once this change is written: a store may keep its image (<see cref="SearchIndex.Image"/>).</summary>
    public SearchIndex? Snapshot { get; init; }
}
