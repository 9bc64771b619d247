using System.Text;

namespace TalksBot.Ingest;

/// <summary>
/// A run of consecutive sentences of one source. <see cref="Text"/> joins the sentences; each
/// sentence's exact place in the source is in <see cref="Sentences"/>.
/// </summary>
public sealed record Chunk
{
    // Kept as UTF-8: the texts are most of a snapshot's memory, and mostly Latin script, which UTF-16
    // doubles. A question reads the texts of a few chunks, so decoding them when read costs little.
    // A store may hand the text over still packed with its source's: unpacked when first read.
    readonly byte[]? text;
    readonly Lazy<byte[]>? packed;
    readonly int packedStart, packedLength;

    public Chunk(string source, int index, string text, IReadOnlyList<TextSpan> sentences)
        : this(source, index, Encoding.UTF8.GetBytes(text), sentences)
    {
    }

    /// <param name="utf8">The text as UTF-8, kept as it is (a store that holds it so need not decode it).</param>
    public Chunk(string source, int index, byte[] utf8, IReadOnlyList<TextSpan> sentences)
    {
        Source = source;
        Index = index;
        text = utf8;
        Sentences = sentences;
    }

    /// <param name="texts">The source's texts, unpacked when first read; this chunk's are <paramref name="length"/> bytes from <paramref name="start"/>.</param>
    public Chunk(string source, int index, Lazy<byte[]> texts, int start, int length, IReadOnlyList<TextSpan> sentences)
    {
        Source = source;
        Index = index;
        packed = texts;
        (packedStart, packedLength) = (start, length);
        Sentences = sentences;
    }

    public string Source { get; }
    public int Index { get; }
    public string Text => Encoding.UTF8.GetString(Utf8);

    /// <summary>The text as UTF-8, for a store to write as it is.</summary>
    public ReadOnlySpan<byte> Utf8 => text ?? packed!.Value.AsSpan(packedStart, packedLength);
    public IReadOnlyList<TextSpan> Sentences { get; }

    public int Start => Sentences[0].Start;
    public int End => Sentences[^1].End;
    public string Id => $"{Source}#{Index}";

    /// <summary>Each sentence's text, verbatim: <see cref="Text"/> joins them with one character each.</summary>
    public IEnumerable<string> SentenceTexts()
    {
        var text = Text;
        var at = 0;
        foreach (var sentence in Sentences)
        {
            yield return text.Substring(at, sentence.Length);
            at += sentence.Length + 1;
        }
    }
}
