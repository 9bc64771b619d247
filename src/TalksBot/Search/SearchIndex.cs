using System.Collections.Concurrent;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// An immutable in-memory snapshot of the knowledge base: the chunks, an inverted index over their
/// terms for BM25, the term variants, and the vectors when there are any. A reindex builds a new
/// snapshot and swaps it in whole, so a query sees either the old index or the new one.
/// </summary>
public sealed partial class SearchIndex
{
    public static readonly SearchIndex Empty = new([], new Dictionary<string, SourceInfo>());

    /// <summary>What BM25 and diversity read, built from the chunks' terms or read back from an image.</summary>
    sealed record Postings(string[] Terms, int[][] Docs, ushort[][] Frequencies, int[] Lengths, int[][] TermSets, Dictionary<string, HashSet<int>> Expansions);

    readonly Dictionary<string, int> termIds;
    readonly Dictionary<string, HashSet<int>> expansions;
    readonly int[][] postingDocs;
    readonly ushort[][] postingFrequencies;
    readonly int[] lengths;
    readonly float averageLength;
    readonly ConcurrentDictionary<string, IndexedArticle> articles = new();
    readonly Dictionary<string, List<int>> docsBySource = [];

    public SearchIndex(IReadOnlyList<AnalysedChunk> chunks, IReadOnlyDictionary<string, SourceInfo> sources)
        : this([.. chunks.Select(c => c.Indexed)], sources, Build(chunks))
    {
    }

    /// <param name="variants">The spelling variants of the postings' terms, when worked out already.</param>
    SearchIndex(IndexedChunk[] chunks, IReadOnlyDictionary<string, SourceInfo> sources, Postings postings, VariantIndex? variants = null)
    {
        Chunks = chunks;
        Sources = sources;
        (Terms, postingDocs, postingFrequencies, lengths, TermSets, expansions) = postings;
        termIds = new Dictionary<string, int>(Terms.Length);
        for (var id = 0; id < Terms.Length; id++) termIds[Terms[id]] = id;
        averageLength = chunks.Length == 0 ? 1 : Math.Max(1, (float)lengths.Average());
        Variants = variants ?? new VariantIndex(Terms);
        for (var doc = 0; doc < chunks.Length; doc++)
        {
            if (!docsBySource.TryGetValue(chunks[doc].Chunk.Source, out var ofSource)) docsBySource[chunks[doc].Chunk.Source] = ofSource = [];
            ofSource.Add(doc);
        }
        HasVectors = chunks.Length > 0 && chunks.All(c => c.Vector is not null);
    }

    static Postings Build(IReadOnlyList<AnalysedChunk> chunks)
    {
        // The acronyms are found beside the postings (they need the term ids only at the end): on every core, a word memo each,
        // taken in chunk order, so the same sets in the same order as one pass.
        var found = new List<(string Acronym, List<string> Terms)>[chunks.Count];
        var finding = Task.Run(() => Parallel.For(0, chunks.Count, () => new Dictionary<(string, string), List<string>>(), (doc, _, wordTerms) =>
        {
            found[doc] = [.. Acronyms.Find(chunks[doc].Indexed.Chunk.Text, chunks[doc].Indexed.Language, wordTerms)];
            return wordTerms;
        }, _ => { }));

        var termIds = new Dictionary<string, int>();
        var lengths = new int[chunks.Count];
        var termSets = new int[chunks.Count][];

        // Two passes, so that every posting list is allocated once at its final size: first each chunk's
        // distinct terms with their counts (which diversity needs anyway), then the lists filled from them.
        var counts = new ushort[chunks.Count][];
        var documentFrequency = new List<int>();
        var lastSeenIn = new List<int>(); // chunk number + 1 where a term was last counted
        var frequency = new List<int>();
        var distinct = new List<int>();
        for (var doc = 0; doc < chunks.Count; doc++)
        {
            distinct.Clear();
            foreach (var term in chunks[doc].Terms)
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    termIds[term] = id = documentFrequency.Count;
                    documentFrequency.Add(0);
                    lastSeenIn.Add(0);
                    frequency.Add(0);
                }
                if (lastSeenIn[id] != doc + 1)
                {
                    lastSeenIn[id] = doc + 1;
                    frequency[id] = 0;
                    distinct.Add(id);
                }
                frequency[id]++;
            }
            distinct.Sort();
            termSets[doc] = [.. distinct];
            counts[doc] = new ushort[distinct.Count];
            for (var i = 0; i < distinct.Count; i++)
            {
                counts[doc][i] = (ushort)Math.Min(frequency[distinct[i]], ushort.MaxValue);
                documentFrequency[distinct[i]]++;
            }
            lengths[doc] = chunks[doc].Terms.Length;
        }
        var docs = new int[documentFrequency.Count][];
        var frequencies = new ushort[documentFrequency.Count][];
        for (var id = 0; id < documentFrequency.Count; id++)
        {
            docs[id] = new int[documentFrequency[id]];
            frequencies[id] = new ushort[documentFrequency[id]];
        }
        var filled = new int[documentFrequency.Count];
        for (var doc = 0; doc < chunks.Count; doc++)
            for (var i = 0; i < termSets[doc].Length; i++)
            {
                var id = termSets[doc][i];
                docs[id][filled[id]] = doc;
                frequencies[id][filled[id]++] = counts[doc][i];
            }
        var terms = new string[termIds.Count];
        foreach (var (term, id) in termIds) terms[id] = term;

        finding.GetAwaiter().GetResult();
        var expansions = new Dictionary<string, HashSet<int>>();
        foreach (var (acronym, expansion) in found.SelectMany(f => f))
        {
            if (!expansions.TryGetValue(acronym, out var ids)) expansions[acronym] = ids = [];
            foreach (var term in expansion) if (termIds.TryGetValue(term, out var id)) ids.Add(id);
        }
        return new Postings(terms, docs, frequencies, lengths, termSets, expansions);
    }

    public IReadOnlyList<IndexedChunk> Chunks { get; }
    public IReadOnlyDictionary<string, SourceInfo> Sources { get; }
    public string[] Terms { get; }
    public VariantIndex Variants { get; }
    public bool HasVectors { get; }

    /// <summary>Each chunk's distinct term ids, sorted: what diversity compares.</summary>
    public int[][] TermSets { get; }

    /// <summary>Articles kept analysed; past it they start again empty, so that a large library's heap does not grow with every article asked about.</summary>
    const int KeptArticles = 2_000;

    /// <summary>A source's sentences with their terms, analysed on first use and kept with this snapshot (up to <see cref="KeptArticles"/>).</summary>
    public IndexedArticle Article(string source)
    {
        if (articles.TryGetValue(source, out var known)) return known;
        if (articles.Count >= KeptArticles) articles.Clear();
        return articles.GetOrAdd(source, s => new IndexedArticle(
            s, Sources.TryGetValue(s, out var info) ? info : new SourceInfo(s, ""),
            docsBySource.GetValueOrDefault(s, []).Select(doc => (Chunks[doc], doc)), this));
    }

    public int TermId(string term) => termIds.GetValueOrDefault(term, -1);

    /// <summary>
    /// A chunk with its terms as the postings hold them (each distinct term as often as it occurs, in term
    /// order, not text order): what a new snapshot that keeps the chunk is built from.
    /// </summary>
    public AnalysedChunk Analysed(int doc)
    {
        var terms = new string[lengths[doc]];
        var at = 0;
        foreach (var id in TermSets[doc])
        {
            var count = postingFrequencies[id][Array.BinarySearch(postingDocs[id], doc)];
            for (var i = 0; i < count; i++) terms[at++] = Terms[id];
        }
        return new AnalysedChunk(Chunks[doc], at == terms.Length ? terms : terms[..at]);
    }

    /// <summary>The terms of the names the texts spell out whose initials are <paramref name="acronym"/>.</summary>
    public IReadOnlyCollection<int> Expansion(string acronym) => expansions.TryGetValue(acronym.ToLowerInvariant(), out var ids) ? ids : [];

    public int DocumentFrequency(int termId) => postingDocs[termId].Length;

    /// <summary>Adds each weighted term's BM25 contribution to <paramref name="scores"/>, one slot per chunk.</summary>
    public void AddBm25(int termId, float weight, float k1, float b, float[] scores)
    {
        var docs = postingDocs[termId];
        var frequencies = postingFrequencies[termId];
        var idf = weight * Bm25.Idf(Chunks.Count, docs.Length);
        for (var i = 0; i < docs.Length; i++)
            scores[docs[i]] += Bm25.Score(idf, frequencies[i], lengths[docs[i]], averageLength, k1, b);
    }
}
