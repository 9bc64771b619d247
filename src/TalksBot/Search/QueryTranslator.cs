using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// Word-by-word translation of questions between Dutch and English through the embedded FreeDict
/// word lists, so that a Dutch question finds English passages and the other way round. Words are
/// looked up as written and by their stem, so a plural finds the entry of its singular.
/// </summary>
public sealed class QueryTranslator
{
    readonly Dictionary<string, List<string>> dutchToEnglish;
    readonly Dictionary<string, List<string>> englishToDutch;

    QueryTranslator(Dictionary<string, List<string>> dutchToEnglish, Dictionary<string, List<string>> englishToDutch)
    {
        this.dutchToEnglish = dutchToEnglish;
        this.englishToDutch = englishToDutch;
    }

    /// <summary>Each list also read backwards: the Dutch-English list knows English words the English-Dutch one lacks ("road": "weg").</summary>
    public static QueryTranslator LoadEmbedded()
    {
        var dutch = WordLists.Read("nld-eng.tsv");
        var english = WordLists.Read("eng-nld.tsv");
        return new(Table(dutch.Concat(Inverse(english)), LanguageDetector.Dutch), Table(english.Concat(Inverse(dutch)), LanguageDetector.English));
    }

    /// <summary>Translations of one word from <paramref name="language"/> into the other language.</summary>
    /// <remarks>
    /// The entry of the word as written, else of its stem; a Dutch word also through its base forms,
    /// since the word lists hold infinitives, singulars and uninflected adjectives ("bezet" is "busy",
    /// but also a form of "bezetten", "occupy").
    /// </remarks>
    public IReadOnlyList<string> Translate(string word, string language)
    {
        var table = language == LanguageDetector.Dutch ? dutchToEnglish : englishToDutch;
        var lower = word.ToLowerInvariant();
        var found = new List<string>();
        if (table.TryGetValue(lower, out var exact)) found.AddRange(exact);
        else if (TextAnalysis.Terms(lower, language) is [var stem] && table.TryGetValue("~" + stem, out var stemmed)) found.AddRange(stemmed);
        if (language == LanguageDetector.Dutch)
            foreach (var form in DutchBaseForms(lower))
                if (table.TryGetValue(form, out var more)) found.AddRange(more.Where(m => !found.Contains(m)));
        return found;
    }

    /// <summary>
    /// The forms a Dutch word may stand for in a word list: the infinitive of a verb form (stem and
    /// -en: "eist", "leidde", "stelde", "geleid", "bezet"), the singular of a plural ("kinderen",
    /// "dagen"), the adjective without its -e ("Franse"). A doubled vowel is written single before
    /// -en ("haal", "halen"), a consonant after a short vowel doubled ("stel", "stellen").
    /// </summary>
    static IEnumerable<string> DutchBaseForms(string word)
    {
        var stems = new List<string> { word };
        if (word.EndsWith('t')) stems.Add(word[..^1]);
        foreach (var ending in new[] { "den", "ten", "de", "te" })
            if (word.EndsWith(ending, StringComparison.Ordinal)) stems.Add(word[..^ending.Length]);
        if (word.StartsWith("ge", StringComparison.Ordinal) && word.Length > 5 && word[^1] is 'd' or 't') stems.Add(word[2..^1]);
        foreach (var stem in stems.Where(s => s.Length >= 3).Distinct())
        {
            if (stem != word) yield return stem;
            yield return stem + "en";
            if (stem[^2] == stem[^3] && "aeou".Contains(stem[^2])) yield return stem[..^2] + stem[^1] + "en";
            yield return stem + stem[^1] + "en";
        }
        if (word.EndsWith("eren", StringComparison.Ordinal) && word.Length > 6) yield return word[..^4];
        if (word.EndsWith("en", StringComparison.Ordinal) && word.Length > 4)
        {
            var single = word[..^2];
            yield return single;
            if (single.Length >= 3 && single[^1] == single[^2]) yield return single[..^1];
            if (single.Length >= 3 && "aeou".Contains(single[^2]) && !"aeiou".Contains(single[^3])) yield return single[..^1] + single[^2] + single[^1];
        }
        if (word.EndsWith('s') && word.Length > 4) yield return word[..^1];
        if (word.EndsWith('e') && word.Length > 4) yield return word[..^1];
    }

    static IEnumerable<(string Word, string[] Translations)> Inverse(List<(string Word, string[] Translations)> entries) =>
        entries.SelectMany(e => e.Translations.Select(t => (t, e.Word))).GroupBy(p => p.Item1).Select(g => (g.Key, g.Select(p => p.Item2).ToArray()));

    static Dictionary<string, List<string>> Table(IEnumerable<(string Word, string[] Translations)> entries, string language)
    {
        var table = new Dictionary<string, List<string>>();
        foreach (var (word, translations) in entries)
        {
            Merge(table, word, translations);
            // "~" keys hold entries by stem, apart from the exact words.
            var stem = TextAnalysis.Terms(word, language);
            if (stem.Count == 1) Merge(table, "~" + stem[0], translations);
        }
        return table;
    }

    static void Merge(Dictionary<string, List<string>> table, string key, string[] translations)
    {
        if (!table.TryGetValue(key, out var list)) table[key] = list = [];
        foreach (var t in translations) if (!list.Contains(t)) list.Add(t);
    }
}
