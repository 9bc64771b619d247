namespace TalksBot.Search;

/// <summary>
/// A place's name and its adjective are one name to a reader ("Italy", "Italian"; "Kenya",
/// "Kenyan"; "Italië", "Italiaans") but not to a stemmer. The adjective is the name's root with
/// one of the usual English or Dutch endings, or the other way round.
/// </summary>
public static class Demonyms
{
    static readonly string[] Endings = ["ish", "ian", "an", "ese", "i", "ic", "n", "isch", "ees", "ens", "aans", "s", "ey", "y", "ia", "a", "e", "land", "en", "ne"];

    /// <summary>The index terms that are other forms of the name whose stem is <paramref name="term"/>.</summary>
    /// <remarks>The root is the term itself or the term less one of the endings ("ital|y", "russ|isch"), never an arbitrary cut ("kow|alsky").</remarks>
    public static IEnumerable<int> Forms(SearchIndex index, string term)
    {
        var seen = new HashSet<int>();
        var roots = Endings.Where(e => term.EndsWith(e, StringComparison.Ordinal) && term.Length - e.Length >= 4).Select(e => term[..^e.Length]).Prepend(term);
        foreach (var root in roots.Distinct())
        {
            if (root != term && index.TermId(root) is var bare and >= 0 && seen.Add(bare)) yield return bare;
            foreach (var ending in Endings)
                if (root + ending != term && index.TermId(root + ending) is var id and >= 0 && seen.Add(id)) yield return id;
        }
    }
}
