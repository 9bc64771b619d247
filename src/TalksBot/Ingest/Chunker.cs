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

            var span = sentences.Skip(first).Take(last - first + 1).ToList();
            chunks.Add(new Chunk(source, chunks.Count, Join(article.Text, span), span));
            if (last == sentences.Count - 1) break;
            first = Math.Max(first + 1, last + 1 - overlapSentences);
        }
        return chunks;
    }

    /// <summary>Sentences that stood on separate lines stay on separate lines.</summary>
    static string Join(string text, List<TextSpan> sentences)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < sentences.Count; i++)
        {
            if (i > 0) builder.Append(text.AsSpan(sentences[i - 1].End, sentences[i].Start - sentences[i - 1].End).Contains('\n') ? '\n' : ' ');
            builder.Append(text, sentences[i].Start, sentences[i].Length);
        }
        return builder.ToString();
    }
}
