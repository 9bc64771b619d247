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

    public static QueryTranslator LoadEmbedded() => new(
        Load("nld-eng.tsv", LanguageDetector.Dutch),
        Load("eng-nld.tsv", LanguageDetector.English));

    /// <summary>Translations of one word from <paramref name="language"/> into the other language.</summary>
    public IReadOnlyList<string> Translate(string word, string language)
    {
        var table = language == LanguageDetector.Dutch ? dutchToEnglish : englishToDutch;
        var lower = word.ToLowerInvariant();
        if (table.TryGetValue(lower, out var exact)) return exact;
        var stem = TextAnalysis.Terms(lower, language);
        return stem.Count == 1 && table.TryGetValue("~" + stem[0], out var stemmed) ? stemmed : [];
    }

    static Dictionary<string, List<string>> Load(string name, string language)
    {
        using var stream = typeof(QueryTranslator).Assembly.GetManifestResourceStream("TalksBot.Dictionaries." + name)
            ?? throw new InvalidOperationException($"The word list {name} is not embedded in the program.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, List<string>>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (line.StartsWith('#') || tab < 0) continue;
            var translations = line[(tab + 1)..].Split("; ");
            var word = line[..tab];
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
