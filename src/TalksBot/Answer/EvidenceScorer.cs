using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>How well one sentence, read with its neighbours and its article, answers one part of a question.</summary>
/// <param name="Coverage">Share (0..1) of the question's weight the sentence covers, itself or through its context.</param>
/// <param name="Direct">The share it covers with its own words.</param>
/// <param name="Own">The share it covers with its own words of those the question asks anew (not carried over from before).</param>
/// <param name="Bound">The question's names and figures hold in its article.</param>
/// <param name="Carries">It states the kind of thing asked for (a date, a figure, a quote…).</param>
public sealed record Evidence(float Coverage, float Direct, float Own, bool Bound, bool Carries);

/// <summary>
/// Scores a sentence against a question part. Each word weighs its rarity in the index (IDF) and its
/// part in the question; a word the sentence lacks still counts, for less, when a neighbouring
/// sentence says it, and a name or figure also when only the article does (<see cref="AnswerOptions"/>),
/// which is how "his ministry" or a city named only in the headline are read.
/// </summary>
public sealed class EvidenceScorer(AnswerOptions options)
{
    public Evidence Score(SearchIndex index, AskedPart part, Article article, int position)
    {
        var sentence = article.Sentences[position];
        var before = position > 0 ? article.Sentences[position - 1].Terms : null;
        var after = position + 1 < article.Sentences.Count ? article.Sentences[position + 1].Terms : null;
        float total = 0, direct = 0, context = 0, anew = 0;
        var namesHold = true;
        foreach (var asked in part.Words)
        {
            var weight = Importance(index, asked.Word) * Weight(asked.Role);
            total += weight;
            var own = Match(asked.Word, sentence.Terms);
            var near = Math.Max(Match(asked.Word, before), Match(asked.Word, after));
            var far = Match(asked.Word, article.Terms);
            if (asked.Role == WordRole.Name) namesHold &= far > 0;
            if (own > 0)
            {
                direct += weight * own;
                if (asked.Role != WordRole.Context) anew += weight * own;
            }
            else if (asked.Role is WordRole.Name or WordRole.Background)
                context += weight * Math.Max(options.BoundNeighbourWeight * near, options.BoundArticleWeight * far);
            else if (asked.Role == WordRole.Focus) context += weight * options.NeighbourWeight * near;
        }
        if (total == 0) return new Evidence(0, 0, 0, false, false);
        return new Evidence((direct + context) / total, direct / total, anew / total, namesHold, Carries(part, article, position));
    }

    float Weight(WordRole role) => role switch
    {
        WordRole.Background => options.BackgroundWeight,
        WordRole.Context => 0.5f,
        _ => 1f,
    };

    static float Importance(SearchIndex index, QueryWord word) =>
        word.Known ? word.Forms.Max(f => Bm25.Idf(index.Chunks.Count, index.DocumentFrequency(f.TermId))) : Bm25.Idf(index.Chunks.Count, 0);

    /// <summary>The weight of the word's best form among <paramref name="terms"/>, 0 when none is there.</summary>
    public static float Match(QueryWord word, HashSet<int>? terms)
    {
        if (terms is null) return 0;
        var best = 0f;
        foreach (var form in word.Forms)
            if (form.Weight > best && terms.Contains(form.TermId)) best = form.Weight;
        return best;
    }

    /// <summary>Does the sentence state what the kind of question asks for?</summary>
    static bool Carries(AskedPart part, Article article, int position)
    {
        var sentence = article.Sentences[position];
        return part.Kind switch
        {
            AnswerKind.Name => NamesSomethingNew(part, sentence),
            // What someone said: said by the one asked about, in the sentence or as a quote beside their name.
            AnswerKind.Statement => AnswerEvidence.Carries(part.Kind, sentence.Text) && SaidBy(part, article, position),
            _ => AnswerEvidence.Carries(part.Kind, sentence.Text),
        };
    }

    static bool SaidBy(AskedPart part, Article article, int position)
    {
        var names = part.Own.Where(w => w.Role == WordRole.Name).ToList();
        if (names.Count == 0) return true;
        var sentence = article.Sentences[position];
        if (names.Exists(n => Match(n.Word, sentence.Terms) > 0)) return true;
        if (!AnswerEvidence.IsQuote(sentence.Text)) return false;
        return names.Exists(n => position > 0 && Match(n.Word, article.Sentences[position - 1].Terms) > 0
            || position + 1 < article.Sentences.Count && Match(n.Word, article.Sentences[position + 1].Terms) > 0);
    }

    /// <summary>A capitalised word the question does not have, close to a word it asks about: "the palace, X," or "X palace".</summary>
    static bool NamesSomethingNew(AskedPart part, ArticleSentence sentence)
    {
        var asked = part.Own.SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        for (var i = 1; i < sentence.Tokens.Length; i++)
        {
            var token = sentence.Tokens[i];
            if (!char.IsUpper(sentence.Text[token.Start]) || asked.Contains(sentence.TermIds[i])) continue;
            for (var j = Math.Max(0, i - 2); j <= Math.Min(sentence.Tokens.Length - 1, i + 2); j++)
                if (j != i && asked.Contains(sentence.TermIds[j]) && part.Own.Any(w => w.Role == WordRole.Focus && w.Word.Forms.Any(f => f.TermId == sentence.TermIds[j])))
                    return true;
        }
        return false;
    }
}
