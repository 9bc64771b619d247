namespace TalksBot.Ingest;

/// <summary>
/// A source text read as an article: its metadata and the sentences of its body, as offsets into
/// the unchanged text so that every quote can be traced back to the exact place.
/// </summary>
public sealed record Article(string Text, SourceInfo Info, IReadOnlyList<TextSpan> Sentences, int RemovedLines);
