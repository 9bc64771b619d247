using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>How well one sentence, read with its neighbours and its article, answers one part of a question.</summary>
/// <param name="Coverage">Share (0..1) of the question's weight the sentence covers, itself or through its context.</param>
/// <param name="Direct">The share it covers with its own words.</param>
/// <param name="Own">The share it covers, itself or through its context, of the words the question asks anew (not carried over from before).</param>
/// <param name="Bound">The question's names and figures hold in its article, and what it ties to a name is not another's in the sentence.</param>
/// <param name="Carries">It states the kind of thing asked for (a date, a figure, a quote…).</param>
public sealed record Evidence(float Coverage, float Direct, float Own, bool Bound, bool Carries);

/// <summary>
/// Scores a sentence against a question part. Each word weighs its rarity in the index (IDF) and its
/// part in the question; a word the sentence lacks still counts, for less, when a neighbouring
/// sentence says it, and a name or figure also when only the article does (<see cref="AnswerOptions"/>),
/// which is how "his ministry" or a city named only in the headline are read.
/// </summary>
public sealed partial class EvidenceScorer(AnswerOptions options)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s+(of|van)\s+(\w+\s+)?$")]
    private static partial System.Text.RegularExpressions.Regex OfBetween();

    /// <param name="beside">The sentence that answered the part before, when it stands next to this one: what the earlier part named, it names.</param>
    public Evidence Score(SearchIndex index, AskedPart part, string language, IndexedArticle article, int position, IndexedSentence? beside = null)
    {
        var sentence = article.Sentences[position];
        var before = position > 0 ? article.Sentences[position - 1].Terms : null;
        var after = position + 1 < article.Sentences.Count ? article.Sentences[position + 1].Terms : null;
        // "He", "his ministry": what the sentence before named, this one may speak of. Without such a word, it speaks of something else.
        var antecedent = AnswerEvidence.PointsBack(sentence.Text) ? before : null;
        var floor = article.Language == language ? 0 : options.CrossLanguageWeight;
        float total = 0, direct = 0, context = 0, anew = 0;
        var namesHold = true;
        foreach (var asked in part.Words)
        {
            var weight = Importance(index, asked.Word) * Weight(asked.Role);
            total += weight;
            var own = Match(asked.Word, sentence.Terms, floor);
            // Beside the earlier part's answer, this sentence continues it: what that one names, this one speaks of.
            if (own == 0 && asked.Role == WordRole.Context && beside is not null) own = Match(asked.Word, beside.Terms, floor);
            var near = asked.Role switch
            {
                WordRole.Background => Math.Max(Match(asked.Word, before, floor), Match(asked.Word, after, floor)),
                _ => Match(asked.Word, antecedent, floor),
            };
            var far = Match(asked.Word, article.Terms, floor);
            if (asked.Role == WordRole.Name) namesHold &= far > 0;
            // The words of "tell me about X" name a topic, which an article holds as a whole, as it holds a name.
            var topic = part.Kind == AnswerKind.Overview && asked.Role == WordRole.Focus;
            var credit = own > 0 ? own : asked.Role switch
            {
                WordRole.Name or WordRole.Background => Math.Max(options.BoundNeighbourWeight * near, options.BoundArticleWeight * far),
                WordRole.Focus when topic => Math.Max(options.BoundNeighbourWeight * near, options.BoundArticleWeight * far),
                WordRole.Focus => options.NeighbourWeight * near,
                _ => near,
            };
            if (own > 0) direct += weight * own;
            else context += weight * credit;
            if (asked.Role != WordRole.Context) anew += weight * credit;
        }
        if (total == 0) return new Evidence(0, 0, 0, false, false);
        return new Evidence((direct + context) / total, direct / total, anew / total, namesHold && !OwnedByAnother(part, sentence), Carries(part, article, position));
    }

    float Weight(WordRole role) => role switch
    {
        WordRole.Background => options.BackgroundWeight,
        WordRole.Context => 0.5f,
        _ => 1f,
    };

    static float Importance(SearchIndex index, QueryWord word) =>
        word.Known ? word.Forms.Max(f => Bm25.Idf(index.Chunks.Count, index.DocumentFrequency(f.TermId))) : Bm25.Idf(index.Chunks.Count, 0);

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

    /// <summary>Does the sentence state what the kind of question asks for?</summary>
    static bool Carries(AskedPart part, IndexedArticle article, int position) => part.Kind switch
    {
        AnswerKind.Name or AnswerKind.Quantity or AnswerKind.Place => Answering(part, article.Sentences[position]) is not null,
        // What someone said: said by the one asked about, in the sentence or as a quote beside their name.
        AnswerKind.Statement => AnswerEvidence.Carries(part.Kind, article.Sentences[position].Text) && SaidBy(part, article, position),
        _ => AnswerEvidence.Carries(part.Kind, article.Sentences[position].Text),
    };

    /// <summary>The words of the sentence that answer (the date, the figure, the name), or null.</summary>
    public static TextSpan? Answering(AskedPart part, IndexedSentence sentence) => part.Kind switch
    {
        AnswerKind.Name => NewName(part, sentence),
        AnswerKind.Quantity => AnswerEvidence.Carries(part.Kind, sentence.Text) ? CountOfAsked(part, sentence) : null,
        // A place other than those the question names: "after Geneva" is not answered "in Geneva".
        AnswerKind.Place => AnswerEvidence.Find(part.Kind, Masked(part, sentence)),
        _ => AnswerEvidence.Find(part.Kind, sentence.Text),
    };

    static bool SaidBy(AskedPart part, IndexedArticle article, int position)
    {
        // The speaker is the question's subject ("How did the Kremlin respond to Trump…").
        var names = part.Subject;
        if (names.Count == 0) return true;
        var sentence = article.Sentences[position];
        if (names.Any(n => Match(n.Word, sentence.Terms) > 0)) return SpeaksHere(names, sentence);
        // A bare quote ("“The next step is…”", "… he added") is the words of the speaker named beside it; one that names its own speaker is not.
        if (!AnswerEvidence.IsQuote(sentence.Text) || AnswerEvidence.NamesSpeaker(sentence.Text) && !AnswerEvidence.SpeakerPronoun(sentence.Text)) return false;
        return names.Any(n => position > 0 && Match(n.Word, article.Sentences[position - 1].Terms) > 0
            || position + 1 < article.Sentences.Count && Match(n.Word, article.Sentences[position + 1].Terms) > 0);
    }

    /// <summary>
    /// The name is the one who speaks: close before a verb of saying with no other name between
    /// ("Umerov said", not "…and Putin, Fidan added") or just after it ("…,” said Medinsky"), not a
    /// name the sentence speaks of.
    /// A sentence with a quote and no such verb ("Zelensky: “…”") is taken as theirs.
    /// </summary>
    static bool SpeaksHere(IReadOnlyList<AskedWord> names, IndexedSentence sentence)
    {
        var verbs = Enumerable.Range(0, sentence.Tokens.Length)
            .Where(i => AnswerEvidence.IsSpeechVerb(sentence.Text[sentence.Tokens[i].Start..sentence.Tokens[i].End])).ToList();
        if (verbs.Count == 0) return AnswerEvidence.IsQuote(sentence.Text);
        bool Named(int i) => names.Any(n => Match(n.Word, [sentence.TermIds[i]]) > 0);
        bool OtherName(int i) => char.IsUpper(sentence.Text[sentence.Tokens[i].Start]) && !Named(i);
        for (var i = 0; i < sentence.Tokens.Length; i++)
            if (Named(i) && verbs.Exists(v => v > i ? v - i <= 6 && !Enumerable.Range(i + 1, v - i - 1).Any(OtherName) : i - v <= 4))
                return true;
        return false;
    }

    /// <summary>
    /// "Ukraine's chief negotiator" does not answer after Russia's: a word the question ties to a name
    /// may stand in the sentence right after another capitalised name ("Kyiv's delegation") only when
    /// the question's name comes earlier in the sentence ("Ukrainian minister X, who led Kyiv's delegation").
    /// </summary>
    static bool OwnedByAnother(AskedPart part, IndexedSentence sentence)
    {
        var clash = false;
        foreach (var (owner, word) in part.Owned)
            for (var i = 0; i < sentence.Tokens.Length; i++)
            {
                if (Match(word.Word, [sentence.TermIds[i]]) == 0) continue;
                for (var j = 0; j < i; j++)
                    if (Match(owner.Word, [sentence.TermIds[j]]) > 0) return false;
                for (var j = Math.Max(1, i - 2); j < i; j++)
                    if (char.IsUpper(sentence.Text[sentence.Tokens[j].Start]) && !part.Words.Any(w => Match(w.Word, [sentence.TermIds[j]]) > 0)) clash = true;
            }
        return clash;
    }

    /// <summary>The sentence with the question's names blanked out.</summary>
    static string Masked(AskedPart part, IndexedSentence sentence)
    {
        var names = part.Own.Where(w => w.Role == WordRole.Name).SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        var text = sentence.Text.ToCharArray();
        for (var i = 0; i < sentence.Tokens.Length; i++)
            if (names.Contains(sentence.TermIds[i]))
                for (var c = sentence.Tokens[i].Start; c < sentence.Tokens[i].End; c++) text[c] = '_';
        return new string(text);
    }

    /// <summary>A capitalised word the question does not have, beside what it asks the name of: "the palace, X," or "X palace".</summary>
    static TextSpan? NewName(AskedPart part, IndexedSentence sentence)
    {
        if (part.Head is null) return null;
        var asked = part.Own.SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        var head = part.Head.Word.Forms.Select(f => f.TermId).ToHashSet();
        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            if (!head.Contains(sentence.TermIds[i])) continue;
            for (var j = Math.Max(1, i - 2); j <= Math.Min(sentence.Tokens.Length - 1, i + 2); j++)
                if (char.IsUpper(sentence.Text[sentence.Tokens[j].Start]) && !asked.Contains(sentence.TermIds[j]))
                    return new TextSpan(sentence.Tokens[j].Start, sentence.Tokens[j].End);
        }
        return null;
    }

    /// <summary>
    /// A figure just before something the question counts: "6,000 soldiers", "an unspecified number of
    /// prisoners". A count stands before what it counts, in English and Dutch, or after it and "of":
    /// "the bodies of 6,000 soldiers" counts bodies and soldiers, "the crews of 40 boats" too.
    /// </summary>
    static TextSpan? CountOfAsked(AskedPart part, IndexedSentence sentence)
    {
        // What is counted may come from the question before: "and Ukraine?" after "how many bodies…".
        var focus = part.Words.Where(w => w.Role is WordRole.Focus or WordRole.Context).SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        bool Figure(int j) => AnswerEvidence.Carries(AnswerKind.Quantity, sentence.Text[sentence.Tokens[j].Start..sentence.Tokens[j].End]);
        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            if (!focus.Contains(sentence.TermIds[i])) continue;
            for (var j = Math.Max(0, i - 3); j < i; j++)
                if (Figure(j)) return new TextSpan(sentence.Tokens[j].Start, sentence.Tokens[j].End);
            // "the bodies of 6,000 soldiers" counts the bodies too.
            for (var j = i + 1; j < Math.Min(sentence.Tokens.Length, i + 3); j++)
                if (Figure(j) && OfBetween().IsMatch(sentence.Text[sentence.Tokens[i].End..sentence.Tokens[j].Start]))
                    return new TextSpan(sentence.Tokens[j].Start, sentence.Tokens[j].End);
        }
        return null;
    }
}
