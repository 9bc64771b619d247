using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Search;

namespace TalksBot.Extractive;

/// <summary>How well one sentence, read with its neighbours and its article, answers one part of a question.</summary>
/// <param name="Coverage">Share (0..1) of the question's weight the sentence covers, itself or through its context.</param>
/// <param name="Direct">The share it covers with its own words.</param>
/// <param name="Own">The share it covers, itself or through its context, of the words the question asks anew (not carried over from before).</param>
/// <param name="Bound">The question's names and figures hold in its article, and what it ties to a name is not another's in the sentence.</param>
/// <param name="Carries">It states the kind of thing asked for (a date, a figure, a quote…).</param>
/// <remarks>A sentence that says less than <see cref="AnswerOptions.MinDirect"/> of a question other than for an account answers nothing: it is
/// scored no further, with <see cref="Coverage"/> its own share, <see cref="Own"/> 0, and neither bound nor carrying.</remarks>
public sealed record Evidence(float Coverage, float Direct, float Own, bool Bound, bool Carries);

/// <summary>
/// Scores a sentence against a question part. Each word weighs its rarity in the index
/// (<see cref="AskedWord.Importance"/>) and its part in the question; a word the sentence lacks still counts, for less, when a neighbouring
/// sentence says it, and a name or figure also when only the article does (<see cref="AnswerOptions"/>),
/// which is how "her office" or a city named only in the headline are read.
/// </summary>
public sealed class EvidenceScorer(IOptions<AnswerOptions> settings)
{
    readonly AnswerOptions options = settings.Value;

    /// <param name="beside">The sentence that answered the part before, when it stands next to this one: what the earlier part named, it names.</param>
    public Evidence Score(AskedPart part, string language, IndexedArticle article, int position, IndexedSentence? beside = null)
    {
        var sentence = article.Sentences[position];
        var floor = article.Language == language ? 0 : options.CrossLanguageWeight;
        // What the sentence says itself first: one that says too little of the question answers nothing but
        // an account of a topic, and most sentences of the passages found are such (the rest of a score, its
        // neighbours analysed, its patterns tried, cost several times as much).
        Span<float> owns = part.Words.Count <= 64 ? stackalloc float[part.Words.Count] : new float[part.Words.Count];
        Span<float> weights = part.Words.Count <= 64 ? stackalloc float[part.Words.Count] : new float[part.Words.Count];
        float total = 0, direct = 0;
        for (var i = 0; i < owns.Length; i++)
        {
            var asked = part.Words[i];
            var weight = weights[i] = asked.Importance * Weight(asked.Role);
            total += weight;
            var own = Match(asked.Word, sentence.Terms, floor);
            // Beside the earlier part's answer, this sentence continues it: what that one names, this one speaks of.
            if (own == 0 && asked.Role == WordRole.Context && beside is not null) own = Match(asked.Word, beside.Terms, floor);
            owns[i] = own;
            direct += weight * own;
        }
        if (total == 0) return new Evidence(0, 0, 0, false, false);
        if (direct / total < options.MinDirect && part.Kind != AnswerKind.Overview) return new Evidence(direct / total, direct / total, 0, false, false);

        // The neighbours are analysed only when a word looks for itself there: a passage's first and last sentences' are often read for nothing else.
        HashSet<int>? Before() => position > 0 ? article.Sentences[position - 1].Terms : null;
        HashSet<int>? After() => position + 1 < article.Sentences.Count ? article.Sentences[position + 1].Terms : null;
        // "She", "her office": what the sentence before named, this one may speak of. Without such a word, it speaks of something else.
        var pointsBack = AnswerEvidence.PointsBack(sentence);
        float context = 0, anew = 0;
        var namesHold = true;
        for (var i = 0; i < owns.Length; i++)
        {
            var (asked, weight, own) = (part.Words[i], weights[i], owns[i]);
            // What the sentence's neighbours say counts only for a word it lacks.
            var near = own > 0 ? 0 : asked.Role switch
            {
                WordRole.Background => Math.Max(Match(asked.Word, Before(), floor), Match(asked.Word, After(), floor)),
                _ => pointsBack ? Match(asked.Word, Before(), floor) : 0,
            };
            var far = Match(asked.Word, article.Terms, floor);
            if (asked.Role == WordRole.Name) namesHold &= far > 0;
            // Names bind to the article; so do the words of "tell me about X", which name a topic an article holds as a whole.
            var bound = asked.Role is WordRole.Name or WordRole.Background || asked.Role == WordRole.Focus && part.Kind == AnswerKind.Overview;
            var credit = own > 0 ? own
                : bound ? Math.Max(options.BoundNeighbourWeight * near, options.BoundArticleWeight * far)
                : asked.Role == WordRole.Focus ? options.NeighbourWeight * near
                : near;
            if (own == 0) context += weight * credit;
            if (asked.Role != WordRole.Context) anew += weight * credit;
        }
        var holds = namesHold && !AnswerSlots.OwnedByAnother(part, sentence);
        return new Evidence((direct + context) / total, direct / total, anew / total, holds, AnswerSlots.Carries(part, article, position));
    }

    float Weight(WordRole role) => role switch
    {
        WordRole.Background => options.BackgroundWeight,
        WordRole.Context => 0.5f,
        _ => 1f,
    };

    /// <summary>Is the term one of the word's forms? (For one token, without a set to look in.)</summary>
    public static bool Matches(QueryWord word, int termId)
    {
        foreach (var form in word.Forms) if (form.TermId == termId) return true;
        return false;
    }

    /// <summary>The weight of the word's best form among <paramref name="terms"/>, at least <paramref name="floor"/>; 0 when none is there.</summary>
    /// <param name="floor">A translation is weighed down for search, where the question's own language should win; in a text of the other language it is the only way to match. A spelling variant stays as weak as it is.</param>
    public static float Match(QueryWord word, HashSet<int>? terms, float floor = 0)
    {
        if (terms is null) return 0;
        var best = 0f;
        foreach (var form in word.Forms)
            if (terms.Contains(form.TermId)) best = Math.Max(best, form.IsVariant ? form.Weight : Math.Max(form.Weight, floor));
        return best;
    }
}
