using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>A chunk as a snapshot holds it: its language and, when configured, its embedding.</summary>
public sealed record IndexedChunk(Chunk Chunk, string Language, float[]? Vector);

/// <summary>
/// A chunk with its analysed terms, as a new snapshot takes it in. The snapshot keeps the terms in its
/// postings only (a string reference per occurrence was the largest part of its memory after the texts).
/// </summary>
public sealed record AnalysedChunk(IndexedChunk Indexed, string[] Terms);
