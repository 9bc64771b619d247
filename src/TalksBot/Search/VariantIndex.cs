namespace TalksBot.Search;

/// <summary>
/// Finds the spelling variants of a term among the indexed terms, as names are transliterated
/// differently by different outlets: by shared character trigrams (Dice coefficient), or by an
/// equal consonant skeleton within two edits, which catches vowel-only variants that share no
/// trigram at all.
/// </summary>
public sealed class VariantIndex
{
    const int MinLength = 4;
    readonly string[] terms;
    readonly Dictionary<string, List<int>> termsByGram = [];
    readonly Dictionary<string, List<int>> termsBySkeleton = [];

    public VariantIndex(string[] terms)
    {
        this.terms = terms;
        for (var id = 0; id < terms.Length; id++)
        {
            if (!IsWord(terms[id])) continue;
            foreach (var gram in Grams(terms[id])) Add(termsByGram, gram, id);
            Add(termsBySkeleton, Skeleton(terms[id]), id);
        }
    }

    /// <summary>Indexed terms other than <paramref name="term"/> that spell the same word differently, with a similarity in (0, 1].</summary>
    public List<(int TermId, float Similarity)> Find(string term, float minSimilarity)
    {
        var found = new List<(int, float)>();
        if (!IsWord(term)) return found;

        var grams = Grams(term);
        var shared = new Dictionary<int, int>();
        foreach (var gram in grams)
            if (termsByGram.TryGetValue(gram, out var ids))
                foreach (var id in ids) shared[id] = shared.GetValueOrDefault(id) + 1;

        foreach (var (id, count) in shared)
        {
            var other = terms[id];
            if (other == term || Math.Abs(other.Length - term.Length) > 3) continue;
            var dice = 2f * count / (grams.Count + other.Length); // a padded term of n letters has n trigrams
            if (dice >= minSimilarity) found.Add((id, dice));
        }

        if (termsBySkeleton.TryGetValue(Skeleton(term), out var alike))
            foreach (var id in alike)
                if (terms[id] != term && terms[id][0] == term[0] && !found.Exists(f => f.Item1 == id) && EditDistance(terms[id], term) <= 2)
                    found.Add((id, minSimilarity));
        return found;
    }

    static bool IsWord(string term) => term.Length >= MinLength && term.All(char.IsLetter);

    /// <summary>Trigrams of the term padded with ^ and $, so that beginnings and ends count.</summary>
    static HashSet<string> Grams(string term)
    {
        var padded = "^" + term + "$";
        var grams = new HashSet<string>();
        for (var i = 0; i + 3 <= padded.Length; i++) grams.Add(padded.Substring(i, 3));
        return grams;
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

    static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    static void Add(Dictionary<string, List<int>> map, string key, int id)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(id);
    }
}
