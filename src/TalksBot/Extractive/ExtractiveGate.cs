using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Semantic;

namespace TalksBot.Extractive;

/// <summary>A sentence the learned gate may choose to answer a part with, and what it read of it.</summary>
/// <param name="Sentence">The sentence as the answer would show it.</param>
public sealed record GateCandidate(string Source, string Sentence, float[] Features)
{
    /// <summary>The answer the engine gives when it chooses this sentence (what training labels).</summary>
    public AnswerDraft? Answer { get; init; }
}

// What the learned gate reads of the sentences the rules let through for a part: the engine's own readings and the semantic ones.
public sealed partial class ExtractiveAnswerer
{
    /// <summary>How many of a part's best-ranked sentences the gate chooses among.</summary>
    const int GateChoices = 5;

    /// <summary>Feature names, in order; the trained gate's file lists them and is refused when they differ.</summary>
    public static readonly string[] FeatureNames =
    [
        "score", "coverage", "direct", "own", "carries", "strict_kind", "margin", "passage_rank", "answering_count",
        "rarest_missing", "words_in_sentence", "same_language", "question_words", "parts",
        "kind_any", "kind_person", "kind_time", "kind_figure", "kind_reason", "kind_overview",
        "engine_rank", "below_best", "missing_share", "missing_beside", "missing_count", "unknown_share", "number_missing", "negation_differs",
        "answering_sources", "agreeing_sources",
        "cosine", "best_cosine", "cosine_gap", "cosine_rank", "neighbour_cosine",
    ];

    /// <summary>The part's best-ranked sentences that clear the rules, each with its features.</summary>
    List<GateCandidate> Choices(AskedPart part, string language, List<Candidate> ranked, int parts, float[]? question)
    {
        var o = options.Value;
        var eligible = ranked.Take(GateChoices).TakeWhile(c => c.Score >= o.MinCoverage).ToList();
        float[]? cosines = null;
        if (question is not null)
        {
            // Sentences the index did not embed yet are embedded in one call, not one by one.
            vectors.Ensure(ranked.Select(c => c.Sentence.Text).Concat(eligible.SelectMany(c => Beside(c).OfType<string>())));
            cosines = [.. ranked.Select(c => Cosine(c.Sentence.Text, question))];
        }
        return [.. eligible.Select((c, i) => new GateCandidate(c.Article.Source, Display(c.Sentence.Text), Features(part, language, ranked, i, parts, question, cosines)))];
    }

    static IEnumerable<string> Numbers(string text) => NumberPattern().Matches(text).Select(m => m.Value);

    static bool Negated(string text) => NegationPattern().IsMatch(text);

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();

    // Negation in the languages the texts come in; a question and its sentence that differ in it say different things.
    [GeneratedRegex(@"\b(" + Lexicon.Negations + @"|нет|не|никогда)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegationPattern();

    float Cosine(string text, float[] question) => vectors.Sentence(text)?.Cosine(question) ?? 0;

    static string?[] Beside(Candidate c)
    {
        var sentences = c.Article.Sentences;
        string? At(int position) => position >= 0 && position < sentences.Count ? sentences[position].Text : null;
        return [At(c.Position - 1), At(c.Position + 1)];
    }

    float[] Features(AskedPart part, string language, List<Candidate> ranked, int index, int parts, float[]? question, float[]? cosines)
    {
        var o = options.Value;
        var c = ranked[index];
        var f = new float[FeatureNames.Length];
        var next = ranked.FirstOrDefault(r => r != c && r.Sentence.Text != c.Sentence.Text);
        var own = part.Own.ToList();
        var top = own.Count == 0 ? 1 : Math.Max(1e-3f, own.Max(w => w.Importance));
        var terms = c.Sentence.Terms;
        var missing = own.Where(w => w.Role is WordRole.Focus or WordRole.Name && EvidenceScorer.Match(w.Word, terms) == 0).Select(w => w.Importance).DefaultIfEmpty(0).Max();
        f[0] = Math.Min(c.Score, 1.5f);
        f[1] = c.Evidence.Coverage;
        f[2] = c.Evidence.Direct;
        f[3] = c.Evidence.Own;
        f[4] = c.Evidence.Carries ? 1 : 0;
        f[5] = AnswerKinds.IsStrict(part.Kind) ? 1 : 0;
        f[6] = Math.Clamp(c.Score - (next?.Score ?? 0), -1, 1);
        f[7] = 1f / (1 + c.Rank);
        f[8] = MathF.Log(1 + ranked.Count(r => r.Score >= o.MinCoverage));
        f[9] = missing / top;
        f[10] = own.Count == 0 ? 0 : (float)own.Count(w => EvidenceScorer.Match(w.Word, terms) > 0) / own.Count;
        f[11] = c.Article.Language == language ? 1 : 0;
        f[12] = MathF.Log(1 + own.Count);
        f[13] = parts > 1 ? 1 : 0;
        f[14] = part.Kind == AnswerKind.Any ? 1 : 0;
        f[15] = part.Kind is AnswerKind.Person or AnswerKind.Name or AnswerKind.Role ? 1 : 0;
        f[16] = part.Kind is AnswerKind.Time or AnswerKind.Year or AnswerKind.ClockTime or AnswerKind.Duration or AnswerKind.Age ? 1 : 0;
        f[17] = part.Kind is AnswerKind.Quantity or AnswerKind.Percentage or AnswerKind.Amount ? 1 : 0;
        f[18] = part.Kind is AnswerKind.Reason or AnswerKind.Statement ? 1 : 0;
        f[19] = part.Kind == AnswerKind.Overview ? 1 : 0;
        f[20] = 1f / (1 + index);
        f[21] = Math.Min(ranked[0].Score, 1.5f) - f[0];
        // What the question says that the sentence does not: a word swapped for another is what makes a question unanswerable.
        var weight = Math.Max(1e-3f, own.Sum(w => w.Importance));
        var unmatched = own.Where(w => EvidenceScorer.Match(w.Word, terms) == 0).ToList();
        var sentences = c.Article.Sentences;
        var near = new[] { c.Position - 1, c.Position + 1 }.Where(p => p >= 0 && p < sentences.Count).Select(p => sentences[p].Terms).ToList();
        f[22] = unmatched.Sum(w => w.Importance) / weight;
        f[23] = unmatched.Where(w => near.All(t => EvidenceScorer.Match(w.Word, t) == 0)).Sum(w => w.Importance) / weight;
        f[24] = MathF.Log(1 + unmatched.Count);
        f[25] = own.Count == 0 ? 0 : (float)own.Count(w => !w.Word.Known) / own.Count;
        f[26] = Numbers(part.Text).Any(n => !c.Sentence.Text.Contains(n, StringComparison.Ordinal)) ? 1 : 0;
        f[27] = Negated(part.Text) != Negated(c.Sentence.Text) ? 1 : 0;
        // Other reports that answer too, and that say much the same: independent sources bear an answer out.
        var others = ranked.Where(r => r.Score >= o.MinCoverage && r.Article.Source != c.Article.Source).ToList();
        f[28] = MathF.Log(1 + others.Select(r => r.Article.Source).Distinct().Count());
        f[29] = MathF.Log(1 + others.Where(r => Similarity(r.Sentence.Terms, terms) >= 0.3f).Select(r => r.Article.Source).Distinct().Count());
        // The semantic features stay zero when the model is off, and the gate reads its plain model.
        if (question is null || cosines is null) return f;
        var mine = cosines[index];
        var highest = cosines.DefaultIfEmpty(0).Max();
        f[30] = mine;
        f[31] = highest;
        f[32] = mine - highest;
        f[33] = 1f / (1 + cosines.Count(x => x > mine));
        f[34] = Beside(c).OfType<string>().Select(b => Cosine(b, question)).DefaultIfEmpty(0).Max();
        return f;
    }
}
