using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// One source as the answer step reads it: its sentences in order, each with its analysed terms and
/// where each term stands, and the terms of the whole article and of its title. A sentence is
/// judged with its neighbours and its article, so "his ministry" or a city named only in the
/// headline still count.
/// </summary>
public sealed class IndexedArticle
{
    readonly Dictionary<(int Chunk, int Sentence), int> positions = [];

    public IndexedArticle(string source, SourceInfo info, IEnumerable<IndexedChunk> chunks, SearchIndex index)
    {
        Source = source;
        Info = info;
        var seen = new HashSet<int>();
        foreach (var chunk in chunks.OrderBy(c => c.Chunk.Index))
        {
            var i = 0;
            foreach (var text in chunk.Chunk.SentenceTexts())
            {
                var span = chunk.Chunk.Sentences[i];
                // Overlapping chunks repeat sentences: each is kept once, at its first chunk.
                if (seen.Add(span.Start))
                {
                    var tokens = TextAnalysis.Tokens(text, chunk.Language);
                    var ids = tokens.Select(t => index.TermId(t.Term)).ToArray();
                    positions[(chunk.Chunk.Index, i)] = Sentences.Count;
                    Sentences.Add(new IndexedSentence(chunk.Chunk.Index, i, text, span, [.. tokens], ids, [.. ids.Where(id => id >= 0)]));
                }
                else positions[(chunk.Chunk.Index, i)] = Sentences.FindIndex(s => s.Span.Start == span.Start);
                i++;
            }
        }
        Language = chunks.FirstOrDefault()?.Language ?? info.Language;
        TitleTerms = [.. TextAnalysis.Terms(info.Title, Language).Select(index.TermId).Where(id => id >= 0)];
        Terms = [.. Sentences.SelectMany(s => s.Terms).Concat(TitleTerms)];
    }

    public string Source { get; }
    public SourceInfo Info { get; }
    public string Language { get; }
    public List<IndexedSentence> Sentences { get; } = [];
    public HashSet<int> Terms { get; }
    public HashSet<int> TitleTerms { get; }

    /// <summary>Where the <paramref name="sentence"/>-th sentence of chunk <paramref name="chunk"/> stands in <see cref="Sentences"/>.</summary>
    public int Position(int chunk, int sentence) => positions[(chunk, sentence)];
}

/// <param name="TermIds">The index's id of each of <paramref name="Tokens"/>' terms, -1 where the index lacks it.</param>
/// <param name="Terms">The distinct ids of the terms the index holds.</param>
public sealed record IndexedSentence(int Chunk, int InChunk, string Text, TextSpan Span, TermAt[] Tokens, int[] TermIds, HashSet<int> Terms);
