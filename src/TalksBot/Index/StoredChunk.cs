using System.Runtime.InteropServices;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>
/// A chunk as PostgreSQL keeps it, a row each: text, sentence offsets (start, end pairs), analysed terms
/// joined by spaces, and the vector as raw bytes. (LiteDB packs a source's chunks together, without their
/// terms: <see cref="PackedChunks"/>.)
/// </summary>
public sealed class StoredChunk
{
    public string Id => $"{Source}#{Index}";
    public string Source { get; set; } = "";
    public int Index { get; set; }

    /// <summary>UTF-8, as chunks hold their text (<see cref="Text"/> converts).</summary>
    public byte[] Utf8 { get; set; } = [];

    public string Text
    {
        get => System.Text.Encoding.UTF8.GetString(Utf8);
        set => Utf8 = System.Text.Encoding.UTF8.GetBytes(value);
    }
    public string Language { get; set; } = "";
    public int[] Sentences { get; set; } = [];
    public string Terms { get; set; } = "";
    public byte[]? Vector { get; set; }

    public static StoredChunk From(AnalysedChunk analysed)
    {
        var c = analysed.Indexed;
        return new()
        {
            Source = c.Chunk.Source,
            Index = c.Chunk.Index,
            Utf8 = c.Chunk.Utf8.ToArray(),
            Language = c.Language,
            Sentences = [.. c.Chunk.Sentences.SelectMany(s => new[] { s.Start, s.End })],
            Terms = string.Join(' ', analysed.Terms),
            Vector = c.Vector is null ? null : MemoryMarshal.AsBytes(c.Vector.AsSpan()).ToArray(),
        };
    }

    IndexedChunk ToIndexed()
    {
        var spans = new TextSpan[Sentences.Length / 2];
        for (var i = 0; i < spans.Length; i++) spans[i] = new TextSpan(Sentences[2 * i], Sentences[2 * i + 1]);
        var vector = Vector is null ? null : MemoryMarshal.Cast<byte, float>(Vector).ToArray();
        return new IndexedChunk(new Chunk(Source, Index, Utf8, spans), Language, vector);
    }

    /// <param name="terms">Shares one string per distinct term across all chunks.</param>
    public AnalysedChunk ToAnalysed(TermPool terms)
    {
        // Split by hand into the pool: a string per occurrence would be garbage at once.
        var joined = Terms.AsSpan();
        var analysed = new string[joined.IsEmpty ? 0 : joined.Count(' ') + 1];
        var at = 0;
        foreach (var range in joined.Split(' ')) analysed[at++] = terms.Intern(joined[range]);
        return new AnalysedChunk(ToIndexed(), analysed);
    }
}
