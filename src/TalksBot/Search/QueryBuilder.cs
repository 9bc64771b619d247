using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// Turns a question into weighted index terms, word by word: each content word analysed in the
/// question's language (weight 1) and in the other (names and shared words match either way), its
/// dictionary translations, and the spelling variants found in the index for what the user typed.
/// </summary>
public sealed partial class QueryBuilder(QueryTranslator translator, Synonyms synonyms, IOptions<SearchOptions> options)
{
    // Question words ask, modal verbs and prepositions relate; they name no topic. Not all of them are on the Snowball stop lists.
    static readonly HashSet<string> Interrogatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "who", "whom", "whose", "when", "where", "why", "how", "which",
        "wat", "wie", "wiens", "wanneer", "waar", "waarom", "hoe", "welke", "welk", "hoeveel", "waarover", "waarmee",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must",
        "zal", "zullen", "zou", "zouden", "kan", "kunnen", "moet", "moeten", "mag", "mogen",
        "between", "among", "within", "without", "like", "according", "tussen", "zonder", "binnen", "tijdens", "volgens",
    };

    /// <summary>The question's content words with the forms of each that the index holds.</summary>
    /// <param name="known">Words of the same language worked out already for this question (by its search): taken as they are.</param>
    public List<QueryWord> Words(SearchIndex index, string query, string language, IReadOnlyList<QueryWord>? known = null)
    {
        var o = options.Value;
        var other = language == LanguageDetector.Dutch ? LanguageDetector.English : LanguageDetector.Dutch;
        var words = new List<QueryWord>();
        // A word that is a stop word in either language carries no topic, whatever language asks.
        foreach (var word in Content(query).Where(w => !TextAnalysis.IsStopWord(w, language) && !TextAnalysis.IsStopWord(w, other)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (known?.FirstOrDefault(k => k.Word == word) is { } done)
            {
                words.Add(done);
                continue;
            }
            var (own, weights, joinedTerms, synonymTerms) = Lexical(word, language, other);
            if (own.Count == 0) continue;

            var forms = new List<QueryTerm>();
            foreach (var (term, weight) in weights)
                if (index.TermId(term) is var id and >= 0) forms.Add(new QueryTerm(id, weight, IsVariant: false));
            if (Acronyms.IsAcronym(word))
                foreach (var id in index.Expansion(word))
                    if (!forms.Exists(f => f.TermId == id)) forms.Add(new QueryTerm(id, o.TranslationWeight, IsVariant: false));
            if (char.IsUpper(word[0]))
                foreach (var term in own)
                    foreach (var id in Demonyms.Forms(index, term))
                        if (!forms.Exists(f => f.TermId == id)) forms.Add(new QueryTerm(id, o.TranslationWeight, IsVariant: false));
            foreach (var term in joinedTerms)
                if (index.TermId(term) is var joined and >= 0 && !forms.Exists(f => f.TermId == joined)) forms.Add(new QueryTerm(joined, 1f, IsVariant: false));
            // Synonyms find the sentence that puts it in other words among the passages found; ranking by them brings in more noise than passages (measured, docs/answering.md).
            foreach (var term in synonymTerms)
                if (index.TermId(term) is var id and >= 0 && !weights.ContainsKey(term) && !forms.Exists(f => f.TermId == id)) forms.Add(new QueryTerm(id, o.SynonymWeight, IsVariant: true, IsSynonym: true));
            // Spelling variants are sought for what the user typed, not for translations and other-language stems;
            // for a name, the variants of a variant too: a typo of one transliteration is a step from the others.
            foreach (var term in own)
                foreach (var (variant, similarity) in index.Variants.Find(term, o.VariantMinSimilarity))
                {
                    if (weights.ContainsKey(index.Terms[variant]) || forms.Exists(f => f.TermId == variant)) continue;
                    forms.Add(new QueryTerm(variant, similarity, IsVariant: true));
                    if (!char.IsUpper(word[0]) || weights.Count > 0 && own.Any(t => index.TermId(t) >= 0)) continue;
                    foreach (var (further, _) in index.Variants.Find(index.Terms[variant], o.VariantMinSimilarity))
                        if (further != index.TermId(term) && !forms.Exists(f => f.TermId == further)) forms.Add(new QueryTerm(further, o.VariantMinSimilarity, IsVariant: true));
                }
            words.Add(new QueryWord(word, forms));
        }
        return words;
    }

    /// <summary>What a word stands for whatever the index holds: its terms in its language, each term it may be found by with its weight (its own, its other-language, its translations'), the terms of it written without hyphens, its synonyms' terms.</summary>
    sealed record LexicalForms(List<string> Own, Dictionary<string, float> Weights, List<string> Joined, List<string> Synonyms);

    // Questions use the same words again and again, and a word's forms take the analysis of all its translations and synonyms.
    readonly ConcurrentDictionary<(string Word, string Language), LexicalForms> lexical = new();

    /// <summary>Words kept in <see cref="lexical"/>; past it, it starts again empty.</summary>
    const int LexicalWords = 10_000;

    LexicalForms Lexical(string word, string language, string other)
    {
        if (lexical.TryGetValue((word, language), out var known)) return known;
        var o = options.Value;
        var own = TextAnalysis.Terms(word, language);
        var weights = new Dictionary<string, float>();
        Add(weights, own, 1f);
        Add(weights, TextAnalysis.Terms(word, other), o.OtherLanguageWeight);
        foreach (var translation in translator.Translate(word, language))
            Add(weights, TextAnalysis.Terms(translation, other), o.TranslationWeight);
        // "cross-border" is also written "crossborder".
        var joined = word.Contains('-') ? TextAnalysis.Terms(word.Replace("-", ""), language) : [];
        var synonymTerms = language == LanguageDetector.English ? [.. synonyms.Of(word).SelectMany(s => TextAnalysis.Terms(s, language))] : new List<string>();
        if (lexical.Count >= LexicalWords) lexical.Clear();
        return lexical[(word, language)] = new LexicalForms(own, weights, joined, synonymTerms);
    }

    /// <summary>All forms of all words but synonyms, each term once at its best weight: what ranking needs.</summary>
    public List<QueryTerm> Build(SearchIndex index, string query, string language) => Terms(Words(index, query, language));

    public static List<QueryTerm> Terms(IEnumerable<QueryWord> words) =>
        [.. words.SelectMany(w => w.Forms).Where(t => !t.IsSynonym).GroupBy(t => (t.TermId, t.IsVariant)).Select(g => g.MaxBy(t => t.Weight))];

    static void Add(Dictionary<string, float> weights, List<string> terms, float weight)
    {
        foreach (var term in terms) weights[term] = Math.Max(weights.GetValueOrDefault(term), weight);
    }

    /// <summary>The words of a question without its question words: "how many", "hoe lang" and the like ask, they name nothing.</summary>
    static IEnumerable<string> Content(string query)
    {
        string? previous = null;
        var words = Split(query).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var last = i == words.Count - 1;
            var asks = Interrogatives.Contains(word) || previous is not null && HowWhat.Contains(previous) && Degree.Contains(word)
                // "the one in Breda", "the Belgian one": a word standing in for a noun said before.
                || word.Equals("one", StringComparison.OrdinalIgnoreCase) && (previous is not null && Determiners.Contains(previous) || last);
            if (!asks) yield return word;
            previous = word;
        }
    }

    static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "the", "that", "this", "which" };
    static readonly HashSet<string> HowWhat = new(StringComparer.OrdinalIgnoreCase) { "how", "hoe" };
    static readonly HashSet<string> Degree = new(StringComparer.OrdinalIgnoreCase)
    {
        "many", "much", "long", "often", "far", "old", "soon", "lang", "laat", "vaak", "ver", "oud", "snel", "veel",
    };

    /// <summary>The words of a text; a figure such as "4,500" or "3.5" stays one word.</summary>
    public static IEnumerable<string> Split(string text) => Word().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\d+(?:[.,]\d+)+|[^\s?!.,;:""()“”‘’]+")]
    private static partial Regex Word();
}
