using System.Text;

namespace TalksBot.Ingest;

/// <summary>
/// Groups an article's sentences into chunks of about <c>targetChars</c> characters, each starting
/// <c>overlapSentences</c> sentences before the previous one ended, so that a fact told across a
/// sentence boundary stays whole in at least one chunk. A sentence is never cut.
/// </summary>
public static class Chunker
{
    public static List<Chunk> Split(string source, Article article, int targetChars, int overlapSentences)
    {
        var sentences = article.Sentences;
        var chunks = new List<Chunk>();
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            var length = sentences[first].Length;
            while (last + 1 < sentences.Count && length + sentences[last + 1].Length <= targetChars)
                length += sentences[++last].Length + 1;

            var span = new TextSpan[last - first + 1];
            for (var i = 0; i < span.Length; i++) span[i] = sentences[first + i];
            chunks.Add(new Chunk(source, chunks.Count, Join(article.Text, span), span));
            if (last == sentences.Count - 1) break;
            first = Math.Max(first + 1, last + 1 - overlapSentences);
        }
        return chunks;
    }

    /// <summary>The sentences' text as UTF-8, which a chunk keeps: sentences that stood on separate lines stay on separate lines.</summary>
    static byte[] Join(string text, TextSpan[] sentences)
    {
        var length = sentences.Length - 1;
        foreach (var sentence in sentences) length += Encoding.UTF8.GetByteCount(text.AsSpan(sentence.Start, sentence.Length));
        var utf8 = new byte[length];
        var at = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            if (i > 0) utf8[at++] = text.AsSpan(sentences[i - 1].End, sentences[i].Start - sentences[i - 1].End).Contains('\n') ? (byte)'\n' : (byte)' ';
            at += Encoding.UTF8.GetBytes(text.AsSpan(sentences[i].Start, sentences[i].Length), utf8.AsSpan(at));
        }
        return utf8;
    }
}
