namespace TalksBot.Ingest;

/// <summary>
/// A run of consecutive sentences of one source. <see cref="Text"/> joins the sentences; each
/// sentence's exact place in the source is in <see cref="Sentences"/>.
/// </summary>
public sealed record Chunk(string Source, int Index, string Text, IReadOnlyList<TextSpan> Sentences)
{
    public int Start => Sentences[0].Start;
    public int End => Sentences[^1].End;
    public string Id => $"{Source}#{Index}";

    /// <summary>Each sentence's text, verbatim: <see cref="Text"/> joins them with one character each.</summary>
    public IEnumerable<string> SentenceTexts()
    {
        var at = 0;
        foreach (var sentence in Sentences)
        {
            yield return Text.Substring(at, sentence.Length);
            at += sentence.Length + 1;
        }
    }
}
