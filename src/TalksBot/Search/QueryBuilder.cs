using Microsoft.Extensions.Options;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// Turns a question into weighted index terms: its words analysed in its own language (weight 1)
/// and in the other (names and shared words match either way), their dictionary translations,
/// and the spelling variants of each found in the index.
/// </summary>
public sealed class QueryBuilder(QueryTranslator translator, IOptions<SearchOptions> options)
{
    public List<QueryTerm> Build(SearchIndex index, string query, string language)
    {
        var o = options.Value;
        var other = language == LanguageDetector.Dutch ? LanguageDetector.English : LanguageDetector.Dutch;
        // A word that is a stop word in either language carries no topic, whatever language asks.
        var words = Words(query).Where(w => !TextAnalysis.IsStopWord(w, language) && !TextAnalysis.IsStopWord(w, other)).ToList();
        var text = string.Join(' ', words);

        var weights = new Dictionary<string, float>();
        var own = TextAnalysis.Terms(text, language).Distinct().ToList();
        Add(weights, own, 1f);
        Add(weights, TextAnalysis.Terms(text, other), o.OtherLanguageWeight);
        foreach (var word in words)
            foreach (var translation in translator.Translate(word, language))
                Add(weights, TextAnalysis.Terms(translation, other), o.TranslationWeight);

        var terms = new List<QueryTerm>();
        foreach (var (term, weight) in weights)
        {
            var id = index.TermId(term);
            if (id >= 0) terms.Add(new QueryTerm(id, weight, IsVariant: false));
        }
        // Spelling variants are sought for what the user typed, not for translations and other-language stems.
        foreach (var term in own)
            foreach (var (variant, similarity) in index.Variants.Find(term, o.VariantMinSimilarity))
                if (!weights.ContainsKey(index.Terms[variant]))
                    terms.Add(new QueryTerm(variant, similarity, IsVariant: true));
        // The same variant may be reached from two query terms: keep its best weight.
        return [.. terms.GroupBy(t => (t.TermId, t.IsVariant)).Select(g => g.MaxBy(t => t.Weight))];
    }

    static void Add(Dictionary<string, float> weights, List<string> terms, float weight)
    {
        foreach (var term in terms) weights[term] = Math.Max(weights.GetValueOrDefault(term), weight);
    }

    static IEnumerable<string> Words(string text) =>
        text.Split((char[])[' ', '\t', '\n', '\r', '?', '!', '.', ',', ';', ':', '"', '(', ')', '“', '”'], StringSplitOptions.RemoveEmptyEntries);
}
