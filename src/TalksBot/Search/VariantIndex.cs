using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TalksBot.Search;

/// <summary>
/// Finds the spelling variants of a term among the indexed terms, as names are transliterated
/// differently by different outlets: by shared character trigrams (Dice coefficient), or by an
/// equal consonant skeleton with at most two vowels swapped, which catches transliterations that
/// share no trigram at all ("kyiv", "kiev").
/// </summary>
public sealed class VariantIndex
{
    const int MinLength = 4;
    const int MaxLengthDifference = 3;

    /// <summary>Only the closest variants count: more would let a common stem drown the query.</summary>
    public const int MaxVariants = 5;

    readonly string[] terms;
    readonly IdLists<long> termsByGram;
    readonly IdLists<string> termsBySkeleton;
    [ThreadStatic] static int[]? counts;

    // A snapshot's terms stay as they are and questions ask after the same words again: a term's variants are sought once.
    readonly ConcurrentDictionary<(string Term, float MinSimilarity), (int TermId, float Similarity)[]> found = new();

    /// <summary>Terms whose variants <see cref="found"/> keeps; past it, it starts again empty.</summary>
    const int KeptTerms = 10_000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public VariantIndex(string[] terms)
    {
        this.terms = terms;
        var byGram = new List<(long, int)>(8 * terms.Length);
        var bySkeleton = new List<(string, int)>(terms.Length);
        for (var id = 0; id < terms.Length; id++)
        {
            if (!IsWord(terms[id])) continue;
            foreach (var gram in Grams(terms[id])) byGram.Add((Key(gram, terms[id].Length), id));
            bySkeleton.Add((Skeleton(terms[id]), id));
        }
        termsByGram = new IdLists<long>(byGram);
        termsBySkeleton = new IdLists<string>(bySkeleton);
    }

    /// <summary>Up to <see cref="MaxVariants"/> indexed terms other than <paramref name="term"/> that spell it differently, with a similarity in (0, 1].</summary>
    public IReadOnlyList<(int TermId, float Similarity)> Find(string term, float minSimilarity)
    {
        if (found.TryGetValue((term, minSimilarity), out var known)) return known;
        var variants = Search(term, minSimilarity).ToArray();
        if (found.Count >= KeptTerms) found.Clear();
        return found[(term, minSimilarity)] = variants;
    }

    List<(int TermId, float Similarity)> Search(string term, float minSimilarity)
    {
        var found = new List<(int TermId, float Similarity)>();
        if (!IsWord(term)) return found;

        // ScanCount over the trigram lists of terms of reachable length only: one counter per indexed
        // term, bumped once per shared trigram.
        if (counts is null || counts.Length < terms.Length) counts = new int[terms.Length];
        var seen = counts;
        var touched = new List<int>();
        var grams = Grams(term);
        foreach (var gram in grams)
            for (var length = Math.Max(MinLength, term.Length - MaxLengthDifference); length <= term.Length + MaxLengthDifference; length++)
                foreach (var id in termsByGram[Key(gram, length)])
                    if (seen[id]++ == 0) touched.Add(id);
        foreach (var id in touched)
        {
            var other = terms[id];
            var shared = seen[id];
            var dice = 2f * shared / (grams.Length + other.Length); // a padded term of n letters has n trigrams
            seen[id] = 0;
            // One edit changes at most the four trigrams around it (a swap), so a typo shares all but four: the
            // edit distance is worked out only for those.
            if (other != term && !IsAffixed(term, other) && (dice >= minSimilarity || shared >= grams.Length - 4 && IsTypo(term, other)))
                found.Add((id, Math.Max(dice, minSimilarity)));
        }

        foreach (var id in termsBySkeleton[Skeleton(term)])
            if (terms[id] != term && !found.Exists(f => f.TermId == id) && VowelsDifferAtMostTwice(Transliterated(terms[id]), Transliterated(term)))
                found.Add((id, minSimilarity));

        found.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        if (found.Count > MaxVariants) found.RemoveRange(MaxVariants, found.Count - MaxVariants);
        return found;
    }

    /// <summary>One term is the other with letters put before it ("happi", "unhappi"): another word, not another spelling.</summary>
    static bool IsAffixed(string a, string b) => a.Length >= b.Length + 2 ? a.EndsWith(b, StringComparison.Ordinal) : b.Length >= a.Length + 2 && b.EndsWith(a, StringComparison.Ordinal);

    /// <summary>
    /// One letter wrong, missing, extra or two swapped ("amsterdan", "rotterdma"), in a word long enough
    /// for that to leave no doubt: the edits a spelling corrector takes back (optimal string alignment).
    /// </summary>
    static bool IsTypo(string a, string b)
    {
        if (Math.Min(a.Length, b.Length) < 6 || Math.Abs(a.Length - b.Length) > 1 || a[0] != b[0]) return false;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length] <= 1;
    }

    /// <summary>Trigram lists are kept per term length (48 bits of trigram, 6 of length).</summary>
    static long Key(long gram, int length) => gram << 6 | (long)Math.Min(length, 63);

    static bool IsWord(string term) => term.Length >= MinLength && term.All(char.IsLetter);

    /// <summary>The distinct trigrams of the term padded with ^ and $, each packed into a long, in order.</summary>
    static long[] Grams(string term)
    {
        var grams = new long[term.Length];
        for (var i = 0; i < term.Length; i++)
        {
            long a = i == 0 ? '^' : term[i - 1], b = term[i], c = i == term.Length - 1 ? '$' : term[i + 1];
            grams[i] = a << 32 | b << 16 | c;
        }
        Array.Sort(grams);
        var distinct = 0;
        for (var i = 0; i < grams.Length; i++)
            if (i == 0 || grams[i] != grams[i - 1]) grams[distinct++] = grams[i];
        return distinct == grams.Length ? grams : grams[..distinct];
    }

    /// <summary>The consonants, with look-alike letters merged and doubles collapsed: "kyiv" and "kiev" are both "kv".</summary>
    static string Skeleton(string term)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var raw in term)
        {
            var c = raw switch { 'c' or 'q' => 'k', 'z' => 's', _ => raw };
            if ("aeiouyjwh".Contains(c)) continue;
            if (builder.Length == 0 || builder[^1] != c) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Dutch spells the sound of English "u" as "oe" in names it transliterates ("Boelgakov", "Bulgakov").</summary>
    static string Transliterated(string term) => term.Replace("oe", "u");

    /// <summary>Same length, same first letter, and at most two positions that differ, each between vowel-like letters.</summary>
    static bool VowelsDifferAtMostTwice(string a, string b)
    {
        if (a.Length != b.Length || a[0] != b[0]) return false;
        var differences = 0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i] && (!"aeiouyjwh".Contains(a[i]) || !"aeiouyjwh".Contains(b[i]) || ++differences > 2)) return false;
        return true;
    }
}
