using System.Text.RegularExpressions;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Sources;

/// <summary>
/// Finds a source that is the same article under another address: a wire story syndicated by several
/// outlets, the same text with another byline, dateline or a paragraph more or less. Two texts are the same
/// article when their sets of five-word runs overlap by at least <see cref="Threshold"/> (Jaccard), the
/// measure near-duplicate detection in web crawls uses (Broder's shingles). Only a few candidates are
/// compared: the sources whose chunks best match the text's rarest words.
/// </summary>
public sealed partial class NearCopies
{
    public const double Threshold = 0.5;
    const int Width = 5, RareWords = 12, Candidates = 3;

    /// <summary>Texts saved but not indexed yet (the items of one feed poll), compared too.</summary>
    readonly List<(string Name, HashSet<ulong> Shingles)> pending = [];

    /// <summary>The source other than <paramref name="name"/> that <paramref name="text"/> is a copy of, or null.</summary>
    public string? Find(string name, string text, SearchIndex index)
    {
        var shingles = Shingles(text);
        if (shingles.Count == 0) return null;
        foreach (var (other, theirs) in pending)
            if (other != name && Jaccard(shingles, theirs) >= Threshold) return other;
        foreach (var candidate in CandidatesOf(name, text, index))
        {
            // The snapshot's article, found by source (not a scan of every chunk); its sentences are analysed only if read for an answer.
            var theirs = Shingles(string.Join(' ', index.Article(candidate).Sentences.Select(sentence => sentence.Text)));
            if (Jaccard(shingles, theirs) >= Threshold) return candidate;
        }
        return null;
    }

    /// <summary>Remembers a text saved for indexing, so that a copy of it met before the reindex is found.</summary>
    public void Add(string name, string text) => pending.Add((name, Shingles(text)));

    static IEnumerable<string> CandidatesOf(string name, string text, SearchIndex index)
    {
        if (index.Chunks.Count == 0) return [];
        var language = LanguageDetector.Detect(text);
        var rare = TextAnalysis.Terms(text, language).Distinct().Select(index.TermId).Where(id => id >= 0)
            .OrderBy(index.DocumentFrequency).Take(RareWords).ToList();
        var scores = new float[index.Chunks.Count];
        foreach (var id in rare) index.AddBm25(id, 1, 1.2f, 0.75f, scores);
        return Enumerable.Range(0, scores.Length).Where(doc => scores[doc] > 0).OrderByDescending(doc => scores[doc])
            .Select(doc => index.Chunks[doc].Chunk.Source).Where(source => source != name).Distinct().Take(Candidates);
    }

    static HashSet<ulong> Shingles(string text)
    {
        var words = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        var set = new HashSet<ulong>();
        for (var i = 0; i + Width <= words.Count; i++)
        {
            // FNV-1a over the run: stable, and collisions among a few thousand runs are negligible.
            var hash = 14695981039346656037UL;
            for (var j = i; j < i + Width; j++)
            {
                foreach (var c in words[j]) hash = (hash ^ c) * 1099511628211UL;
                hash = (hash ^ ' ') * 1099511628211UL;
            }
            set.Add(hash);
        }
        return set;
    }

    static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
