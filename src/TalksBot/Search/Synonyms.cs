namespace TalksBot.Search;

/// <summary>
/// English synonyms from WordNet (Dictionaries/eng-synonyms.tsv), so that a question put in other
/// words than the text's finds it: "freed" the sentence that says "release", "truce" "ceasefire".
/// </summary>
public sealed class Synonyms(Dictionary<string, string[]> table)
{
    public static Synonyms LoadEmbedded() => new(WordLists.Read("eng-synonyms.tsv").ToDictionary(e => e.Word, e => e.Entries));

    /// <summary>The synonyms of an English word, looked up as written, else by its base form ("freed", "talks", "stopping").</summary>
    public IReadOnlyList<string> Of(string word)
    {
        var lower = word.ToLowerInvariant();
        foreach (var form in BaseForms(lower))
            if (table.TryGetValue(form, out var found)) return found;
        return [];
    }

    /// <summary>The word, then what a regular ending may have been added to: -s, -es, -ies, -ed, -d, -ing, with a doubled consonant undone.</summary>
    static IEnumerable<string> BaseForms(string word)
    {
        yield return word;
        if (word.Length < 4) yield break;
        if (word.EndsWith("ies")) yield return word[..^3] + "y";
        if (word.EndsWith("es")) yield return word[..^2];
        if (word.EndsWith('s') && !word.EndsWith("ss")) yield return word[..^1];
        foreach (var ending in new[] { "ed", "ing" })
        {
            if (!word.EndsWith(ending) || word.Length < ending.Length + 2) continue;
            var stem = word[..^ending.Length];
            yield return stem;
            yield return stem + "e";
            if (stem.Length > 2 && stem[^1] == stem[^2]) yield return stem[..^1];
            if (stem.EndsWith('i')) yield return stem[..^1] + "y";
        }
    }
}
