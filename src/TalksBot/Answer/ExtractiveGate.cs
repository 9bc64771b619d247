using TalksBot.Semantic;

namespace TalksBot.Answer;

// What the learned gate reads of the engine's best sentence for a part: the engine's own readings and the semantic ones.
public sealed partial class ExtractiveAnswerer
{
    /// <summary>Feature names, in order; the trained gate's file lists them and is refused when they differ.</summary>
    public static readonly string[] FeatureNames =
    [
        "score", "coverage", "direct", "own", "carries", "strict_kind", "margin", "passage_rank", "answering_count",
        "rarest_missing", "words_in_sentence", "same_language", "question_words", "parts",
        "kind_any", "kind_person", "kind_time", "kind_figure", "kind_reason", "kind_overview",
        "cosine", "best_cosine", "cosine_gap", "cosine_rank", "neighbour_cosine",
    ];

    float[] Features(AskedPart part, string language, List<Candidate> ranked, Candidate best, int parts, float[]? question)
    {
        var o = options.Value;
        var f = new float[FeatureNames.Length];
        var next = ranked.FirstOrDefault(c => c != best && c.Sentence.Text != best.Sentence.Text);
        var own = part.Own.ToList();
        var top = own.Count == 0 ? 1 : Math.Max(1e-3f, own.Max(w => w.Importance));
        var terms = best.Sentence.Terms;
        var missing = own.Where(w => w.Role is WordRole.Focus or WordRole.Name && EvidenceScorer.Match(w.Word, terms) == 0).Select(w => w.Importance).DefaultIfEmpty(0).Max();
        f[0] = Math.Min(best.Score, 1.5f);
        f[1] = best.Evidence.Coverage;
        f[2] = best.Evidence.Direct;
        f[3] = best.Evidence.Own;
        f[4] = best.Evidence.Carries ? 1 : 0;
        f[5] = AnswerKinds.IsStrict(part.Kind) ? 1 : 0;
        f[6] = Math.Clamp(best.Score - (next?.Score ?? 0), 0, 1);
        f[7] = 1f / (1 + best.Rank);
        f[8] = MathF.Log(1 + ranked.Count(c => c.Score >= o.MinCoverage));
        f[9] = missing / top;
        f[10] = own.Count == 0 ? 0 : (float)own.Count(w => EvidenceScorer.Match(w.Word, terms) > 0) / own.Count;
        f[11] = best.Article.Language == language ? 1 : 0;
        f[12] = MathF.Log(1 + own.Count);
        f[13] = parts > 1 ? 1 : 0;
        f[14] = part.Kind == AnswerKind.Any ? 1 : 0;
        f[15] = part.Kind is AnswerKind.Person or AnswerKind.Name or AnswerKind.Role ? 1 : 0;
        f[16] = part.Kind is AnswerKind.Time or AnswerKind.Year or AnswerKind.ClockTime or AnswerKind.Duration or AnswerKind.Age ? 1 : 0;
        f[17] = part.Kind is AnswerKind.Quantity or AnswerKind.Percentage or AnswerKind.Amount ? 1 : 0;
        f[18] = part.Kind is AnswerKind.Reason or AnswerKind.Statement ? 1 : 0;
        f[19] = part.Kind == AnswerKind.Overview ? 1 : 0;
        if (question is null) return f;

        // The semantic features (zero when the model is off, and the gate reads its plain model): sentences the index
        // did not embed yet are embedded in one call, not one by one.
        var sentences = best.Article.Sentences;
        string? At(int position) => position >= 0 && position < sentences.Count ? sentences[position].Text : null;
        var beside = new[] { At(best.Position - 1), At(best.Position + 1) }.OfType<string>().ToList();
        vectors.Ensure(ranked.Select(c => c.Sentence.Text).Concat(beside));
        float Cosine(string text) => vectors.Sentence(text)?.Cosine(question) ?? 0;
        var mine = Cosine(best.Sentence.Text);
        var cosines = ranked.Select(c => Cosine(c.Sentence.Text)).ToList();
        var highest = cosines.DefaultIfEmpty(0).Max();
        f[20] = mine;
        f[21] = highest;
        f[22] = mine - highest;
        f[23] = 1f / (1 + cosines.Count(c => c > mine));
        f[24] = beside.Select(Cosine).DefaultIfEmpty(0).Max();
        return f;
    }
}
