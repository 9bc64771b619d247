using System.Text.RegularExpressions;
using TalksBot.Ingest;
using TalksBot.Search;
using static TalksBot.Extractive.EvidenceScorer;

namespace TalksBot.Extractive;

/// <summary>
/// Whether a sentence holds what a question asks for, beyond sharing its words: the date, the
/// figure before what is counted, the name beside the thing named, the words of the one asked
/// about; and whether what the question ties to a name belongs to another name in the sentence.
/// </summary>
public static partial class AnswerSlots
{
    [GeneratedRegex(@"^\s+(of|van)\s+(\w+\s+)?$")]
    private static partial Regex OfBetween();

    /// <summary>Does the sentence state what the kind of question asks for?</summary>
    public static bool Carries(AskedPart part, IndexedArticle article, int position) => part.Kind switch
    {
        AnswerKind.Name or AnswerKind.Quantity or AnswerKind.Place or AnswerKind.Age => Answering(part, article.Sentences[position]) is not null,
        // What someone said: said by the one asked about, in the sentence or as a quote beside their name.
        AnswerKind.Statement => AnswerEvidence.Carries(part.Kind, article.Sentences[position]) && SaidBy(part, article, position),
        _ => AnswerEvidence.Carries(part.Kind, article.Sentences[position]),
    };

    /// <summary>The words of the sentence that answer (the date, the figure, the name), or null.</summary>
    public static TextSpan? Answering(AskedPart part, IndexedSentence sentence) => part.Kind switch
    {
        AnswerKind.Name => NewName(part, sentence),
        AnswerKind.Age => AgeOfAsked(part, sentence),
        AnswerKind.Quantity => Count(part, sentence)?.Figure,
        // A place other than those the question names: "after Lyon" is not answered "in Lyon".
        AnswerKind.Place => AnswerEvidence.Find(part.Kind, Masked(part, sentence)),
        _ => AnswerEvidence.Find(part.Kind, sentence.Text),
    };

    static bool SaidBy(AskedPart part, IndexedArticle article, int position)
    {
        // The speaker is the question's subject ("How did the council respond to the mayor…").
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
    /// ("Berg said", not "…and Smit, Berg added") or just after it ("…,” said Bakker"), not a
    /// name the sentence speaks of.
    /// A sentence with a quote and no such verb ("Bakker: “…”") is taken as theirs.
    /// </summary>
    static bool SpeaksHere(IReadOnlyList<AskedWord> names, IndexedSentence sentence)
    {
        var verbs = Enumerable.Range(0, sentence.Tokens.Length)
            .Where(i => AnswerEvidence.IsSpeechVerb(sentence.Text[sentence.Tokens[i].Start..sentence.Tokens[i].End])).ToList();
        if (verbs.Count == 0) return AnswerEvidence.IsQuote(sentence.Text);
        bool Named(int i) => names.Any(n => Matches(n.Word, sentence.TermIds[i]));
        bool OtherName(int i) => char.IsUpper(sentence.Text[sentence.Tokens[i].Start]) && !Named(i);
        for (var i = 0; i < sentence.Tokens.Length; i++)
            if (Named(i) && verbs.Exists(v => v > i ? v - i <= 6 && !Enumerable.Range(i + 1, v - i - 1).Any(OtherName) : i - v <= 4))
                return true;
        return false;
    }

    /// <summary>
    /// "Sweden's chief envoy" does not answer after Norway's: a word the question ties to a name
    /// may stand in the sentence right after another capitalised name ("Oslo's delegation") only when
    /// the question's name comes earlier in the sentence ("Norwegian minister X, who led Oslo's delegation").
    /// </summary>
    public static bool OwnedByAnother(AskedPart part, IndexedSentence sentence)
    {
        var clash = false;
        foreach (var (owner, word) in part.Owned)
            for (var i = 0; i < sentence.Tokens.Length; i++)
            {
                if (!Matches(word.Word, sentence.TermIds[i])) continue;
                for (var j = 0; j < i; j++)
                    if (Matches(owner.Word, sentence.TermIds[j])) return false;
                for (var j = Math.Max(0, i - 2); j < i; j++)
                {
                    if (!char.IsUpper(sentence.Text[sentence.Tokens[j].Start]) || Matches(owner.Word, sentence.TermIds[j])) continue;
                    // A sentence's first word is capitalised anyway: there it is a rival only when it is another name of the question's.
                    if (j > 0 || part.Words.Any(w => w.Role == WordRole.Name && w != owner && Matches(w.Word, sentence.TermIds[j]))) clash = true;
                }
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

    /// <summary>
    /// A capitalised word the question does not have, right beside what it asks the name of ("the
    /// Rijnhof museum", "platform X", "the palace of Versailles") or after "called", "named" or "known
    /// as". A name further off names something else ("a palace from the Baroque age").
    /// </summary>
    static TextSpan? NewName(AskedPart part, IndexedSentence sentence)
    {
        if (part.Head is null) return null;
        var asked = part.Own.SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        var head = part.Head.Word.Forms.Select(f => f.TermId).ToHashSet();
        bool IsNew(int j) => j > 0 && j < sentence.Tokens.Length && char.IsUpper(sentence.Text[sentence.Tokens[j].Start]) && !asked.Contains(sentence.TermIds[j]);
        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            if (!head.Contains(sentence.TermIds[i])) continue;
            foreach (var j in new[] { i - 1, i + 1, i + 2 })
                if (IsNew(j) && (j != i + 2 || Naming().IsMatch(sentence.Text[sentence.Tokens[i].End..sentence.Tokens[j].Start])))
                    return new TextSpan(sentence.Tokens[j].Start, sentence.Tokens[j].End);
        }
        return null;
    }

    [GeneratedRegex(@"\b(called|named|known as|genaamd|geheten)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Naming();

    /// <summary>
    /// An age that belongs to the one asked about: right after their name ("Anna Berg, 61,", "workers
    /// aged 18 to 25", "those under the age of 25") or right before it ("the 61-year-old Anna Berg"),
    /// not an age elsewhere in a sentence that also names them.
    /// </summary>
    static TextSpan? AgeOfAsked(AskedPart part, IndexedSentence sentence)
    {
        var whose = part.Subject.Count > 0 ? part.Subject : [.. part.Own.Where(w => w.Role == WordRole.Focus)];
        var text = sentence.Text;
        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            if (whose.Count > 0 && !whose.Any(w => Matches(w.Word, sentence.TermIds[i]))) continue;
            var after = text[sentence.Tokens[i].End..];
            if (Apposition().Match(after) is { Success: true } years) return new TextSpan(sentence.Tokens[i].End + years.Groups[1].Index, sentence.Tokens[i].End + years.Groups[1].Index + years.Groups[1].Length);
            if (AnswerEvidence.Find(AnswerKind.Age, after) is { } age && AgeLead().IsMatch(after[..age.Start])) return new TextSpan(sentence.Tokens[i].End + age.Start, sentence.Tokens[i].End + age.End);
            if (AnswerEvidence.Find(AnswerKind.Age, text[..sentence.Tokens[i].Start]) is { } before && AgeTail().IsMatch(text[before.End..sentence.Tokens[i].Start])) return before;
        }
        return null;
    }

    // "Anna Berg, 61," and "Anna Berg (61)".
    [GeneratedRegex(@"^\s*[,(]\s*(\d{1,3})\s*[,)]")]
    private static partial Regex Apposition();

    // What may stand between a name and its age: "workers aged 18", "those who are under 25".
    [GeneratedRegex(@"^[\s,]*((who|die) (is|are|was|were|zijn|waren) )?$", RegexOptions.IgnoreCase)]
    private static partial Regex AgeLead();

    // What may stand between an age and the name after it: titles and first names ("the 61-year-old Foreign Minister Anna Berg").
    [GeneratedRegex(@"^\s*(\p{Lu}\p{Ll}*\s+)*$")]
    private static partial Regex AgeTail();

    /// <summary>
    /// The figure that counts what the question asks to count, and the term of what it counts: a
    /// figure just before it ("300 crew members", "an unspecified number of workers"), since a count
    /// stands before what it counts in English and Dutch, or after it and "of" ("the crews of 40
    /// boats" counts crews and boats).
    /// </summary>
    public static (TextSpan Figure, int Counted)? Count(AskedPart part, IndexedSentence sentence)
    {
        // What is counted may come from the question before: "and the south town?" after "how many crews…".
        var focus = part.Words.Where(w => w.Role is WordRole.Focus or WordRole.Context).SelectMany(w => w.Word.Forms.Select(f => f.TermId)).ToHashSet();
        // A figure is one word ("300") or a phrase the count starts ("an unspecified number of").
        TextSpan? Figure(int j, int end)
        {
            var start = sentence.Tokens[j].Start;
            var found = AnswerEvidence.Find(AnswerKind.Quantity, sentence.Text[start..end]);
            return found is { Start: 0 } f ? new TextSpan(start, Math.Max(sentence.Tokens[j].End, start + f.End)) : null;
        }
        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            if (!focus.Contains(sentence.TermIds[i])) continue;
            for (var j = i - 1; j >= Math.Max(0, i - 3); j--)
                if (Figure(j, sentence.Tokens[i].Start) is { } figure) return (figure, sentence.TermIds[i]);
            // "the crews of 40 boats" counts the crews too.
            for (var j = i + 1; j < Math.Min(sentence.Tokens.Length, i + 3); j++)
                if (Figure(j, sentence.Tokens[j].End) is { } figure && OfBetween().IsMatch(sentence.Text[sentence.Tokens[i].End..sentence.Tokens[j].Start])) return (figure, sentence.TermIds[i]);
        }
        return null;
    }
}
