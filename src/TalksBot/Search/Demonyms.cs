namespace TalksBot.Search;

/// <summary>
/// A place's name and its adjective are one name to a reader ("Turkey", "Turkish"; "Ukraine",
/// "Ukrainian"; "Oekraïne", "Oekraïens") but not to a stemmer. The adjective is the name's root with
/// one of the usual English or Dutch endings, or the other way round.
/// </summary>
public static class Demonyms
{
    static readonly string[] Endings = ["ish", "ian", "an", "ese", "i", "ic", "n", "isch", "ees", "ens", "aans", "s", "ey", "y", "ia", "a", "e", "land", "en"];

    /// <summary>The index terms that are other forms of the name whose stem is <paramref name="term"/>.</summary>
    public static IEnumerable<int> Forms(SearchIndex index, string term)
    {
        var seen = new HashSet<int>();
        for (var cut = 0; cut <= 4 && term.Length - cut >= 4; cut++)
        {
            var root = term[..^cut];
            foreach (var ending in Endings)
                if (index.TermId(root + ending) is var id and >= 0 && root + ending != term && seen.Add(id)) yield return id;
            if (cut > 0 && index.TermId(root) is var bare and >= 0 && seen.Add(bare)) yield return bare;
        }
    }
}
