namespace TalksBot.Answer;

/// <summary>
/// What an [n] in an answer points at: a sentence quoted verbatim from a source, with its place
/// (chunk, and character offsets in the source file). <see cref="Highlight"/>, when set, marks the
/// words of the quote that answer (offsets in <see cref="Quote"/>): the date, the figure, the name.
/// </summary>
public sealed record Citation(int N, string Source, string Title, string? Outlet, string Quote, int Chunk, int Start, int End, Ingest.TextSpan? Highlight = null);
