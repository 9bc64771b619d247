using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>A chunk with what search needs of it: its analysed terms and, when configured, its embedding.</summary>
public sealed record IndexedChunk(Chunk Chunk, string Language, string[] Terms, float[]? Vector);
