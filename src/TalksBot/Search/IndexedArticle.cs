using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// One source as the answer step reads it: its sentences in order, and the terms of the whole
/// article and of its title. A sentence is judged with its neighbours and its article, so "his
/// ministry" or a city named only in the headline still count. Sentences are analysed when first
/// read: a question reads the sentences of a few passages, not of every article it touches.
/// </summary>
public sealed class IndexedArticle
{
    readonly Dictionary<(int Chunk, int Sentence), int> positions = [];

    /// <param name="chunks">The article's chunks with their places in the snapshot.</param>
    public IndexedArticle(string source, SourceInfo info, IEnumerable<(IndexedChunk Chunk, int Doc)> chunks, SearchIndex index)
    {
        Source = source;
        Info = info;
        this.index = index;
        var seen = new Dictionary<int, int>();
        string? language = null;
        foreach (var (chunk, doc) in chunks.OrderBy(c => c.Chunk.Chunk.Index))
        {
            language = chunk.Language;
            docs.Add(doc);
            var i = 0;
            foreach (var text in chunk.Chunk.SentenceTexts())
            {
                var span = chunk.Chunk.Sentences[i];
                // Overlapping chunks repeat sentences: each is kept once, at its first chunk.
                if (!seen.TryGetValue(span.Start, out var position))
                {
                    seen[span.Start] = position = Sentences.Count;
                    Sentences.Add(new IndexedSentence(chunk.Chunk.Index, text, span, chunk.Language, index));
                }
                positions[(chunk.Chunk.Index, i++)] = position;
            }
        }
        Language = language ?? info.Language;
    }

    readonly SearchIndex index;
    readonly List<int> docs = [];
    HashSet<int>? terms;

    public string Source { get; }
    public SourceInfo Info { get; }
    public string Language { get; }
    public List<IndexedSentence> Sentences { get; } = [];

    /// <summary>
    /// The terms of the article's chunks and of its title, gathered when first read: a question reads them
    /// only for sentences that say enough of it themselves, and of many articles found it reads none.
    /// Two threads that both find them unset gather them alike.
    /// </summary>
    public HashSet<int> Terms => terms ??= Gather();

    HashSet<int> Gather()
    {
        var gathered = new HashSet<int>();
        foreach (var doc in docs) gathered.UnionWith(index.TermSets[doc]);
        gathered.UnionWith(TextAnalysis.Terms(Info.Title, Language).Select(index.TermId).Where(id => id >= 0));
        return gathered;
    }

    /// <summary>Where the <paramref name="sentence"/>-th sentence of chunk <paramref name="chunk"/> stands in <see cref="Sentences"/>.</summary>
    public int Position(int chunk, int sentence) => positions[(chunk, sentence)];
}

/// <summary>A sentence of an article, its terms analysed on first use.</summary>
public sealed class IndexedSentence(int chunk, string text, TextSpan span, string language, SearchIndex index)
{
    sealed record Analysis(TermAt[] Tokens, int[] Ids, HashSet<int> Terms);

    // Analysed when first read; two threads that both find it unset analyse it alike.
    Analysis? analysis;

    Analysis Analysed => analysis ??= Analyse();

    Analysis Analyse()
    {
        var tokens = TextAnalysis.Tokens(text, language);
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = index.TermId(tokens[i].Term);
        return new([.. tokens], ids, [.. ids.Where(id => id >= 0)]);
    }

    // Low 32 bits: which facts of Fact() are known; high 32 bits: their values.
    long facts;

    public int Chunk => chunk;
    public string Text => text;
    public TextSpan Span => span;

    /// <summary>The analysed terms in order, with where each stands in <see cref="Text"/>.</summary>
    public TermAt[] Tokens => Analysed.Tokens;

    /// <summary>The index's id of each of <see cref="Tokens"/>' terms, -1 where the index lacks it.</summary>
    public int[] TermIds => Analysed.Ids;

    /// <summary>The distinct ids of the terms the index holds.</summary>
    public HashSet<int> Terms => Analysed.Terms;

    /// <summary>
    /// A yes-or-no fact of the sentence's text (does it state a date, does it point back), found by
    /// <paramref name="find"/> the first time it is asked and kept: every question reads the same
    /// sentences of a snapshot again, and a pattern over the text costs more than the rest of a sentence's score.
    /// </summary>
    /// <param name="key">Which fact, 0 to 31; <paramref name="find"/> gets it with the text.</param>
    public bool Fact(int key, Func<int, string, bool> find)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)key, 31u, nameof(key));
        var known = Interlocked.Read(ref facts);
        if ((known & (1L << key)) != 0) return (known & (1L << (key + 32))) != 0;
        var value = find(key, text);
        // Two threads may both find it; they find the same.
        Interlocked.Or(ref facts, (1L << key) | (value ? 1L << (key + 32) : 0));
        return value;
    }
}
