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
        var dutch = Read("nld-eng.tsv");
        var english = Read("eng-nld.tsv");
        return new(Table(dutch.Concat(Inverse(english)), LanguageDetector.Dutch), Table(english.Concat(Inverse(dutch)), LanguageDetector.English));
    }

    /// <summary>Translations of one word from <paramref name="language"/> into the other language.</summary>
    /// <param name="exactOnly">Only the entry for the word as written, not for its stem or infinitive.</param>
    public IReadOnlyList<string> Translate(string word, string language, bool exactOnly = false)
    {
        var table = language == LanguageDetector.Dutch ? dutchToEnglish : englishToDutch;
        var lower = word.ToLowerInvariant();
        if (table.TryGetValue(lower, out var exact)) return exact;
        if (exactOnly) return [];
        var stem = TextAnalysis.Terms(lower, language);
        if (stem.Count == 1 && table.TryGetValue("~" + stem[0], out var stemmed)) return stemmed;
        foreach (var infinitive in language == LanguageDetector.Dutch ? DutchInfinitives(lower) : [])
            if (table.TryGetValue(infinitive, out var verb)) return verb;
        return [];
    }

    /// <summary>
    /// A Dutch present-tense verb is its stem and -t ("eist", "haalt"); the word lists hold the
    /// infinitive, the stem and -en, with a long vowel written single before one consonant ("halen").
    /// </summary>
    static IEnumerable<string> DutchInfinitives(string word)
    {
        if (word.Length < 4 || word[^1] != 't') yield break;
        var stem = word[..^1];
        yield return stem + "en";
        if (stem.Length >= 3 && stem[^2] == stem[^3] && "aeou".Contains(stem[^2])) yield return stem[..^2] + stem[^1] + "en";
    }

    static List<(string Word, string[] Translations)> Read(string name)
    {
        using var stream = typeof(QueryTranslator).Assembly.GetManifestResourceStream("TalksBot.Dictionaries." + name)
            ?? throw new InvalidOperationException($"The word list {name} is not embedded in the program.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string, string[])>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (!line.StartsWith('#') && tab >= 0) entries.Add((line[..tab], line[(tab + 1)..].Split("; ")));
        }
        return entries;
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
