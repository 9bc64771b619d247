using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>A passage's place and score in one ranking signal (bm25, variants, dense).</summary>
public sealed record SignalScore(string Signal, int Rank, float Score);

/// <summary>A retrieved passage: the chunk, its source, the fused score and each signal's part in it.</summary>
public sealed record SearchHit(IndexedChunk Passage, SourceInfo Source, float Score, IReadOnlyList<SignalScore> Signals);

/// <summary>The passages found for a query, best first, or why the query could not be run.</summary>
/// <param name="Words">The query's words as understood (each with the index terms it stands for).</param>
public sealed record SearchResult(string Query, string Language, IReadOnlyList<SearchHit> Hits, string? Error = null, IReadOnlyList<QueryWord>? Words = null)
{
    /// <summary>The snapshot searched: what the hits and the words' term ids belong to (null for a query refused before searching).</summary>
    public SearchIndex? Index { get; init; }

    /// <summary>The query's offline sentence vector, where search computed one (the offline dense signal): the answer reads it again rather than embed the question twice.</summary>
    public float[]? Vector { get; init; }

    public static SearchResult Invalid(string query, string error) => new(query, "", [], error);
}
