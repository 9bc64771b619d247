using TalksBot.Answer;

namespace TalksBot.Extractive;

// Composition of the extractive answer: which sentences, in which order, cited how.
public sealed partial class ExtractiveAnswerer
{
    /// <param name="latest">
    /// The question asks for the present state: among the sentences that answer about as well as the best, the newest
    /// report's come first, and the answer says its day (figures that changed between reports are no disagreement then).
    /// </param>
    AnswerDraft Compose(List<List<Candidate>> answers, List<AskedPart> parts, string language, bool latest)
    {
        // Each unit is a sentence of the answer with the sources that say the same, and the part it answers.
        var units = new List<List<Candidate>>();
        var unitParts = new List<AskedPart>();
        var budget = Math.Max(1, options.Value.MaxSentences / answers.Count);
        for (var p = 0; p < answers.Count; p++)
        {
            var ranked = answers[p];
            // An account of a topic takes its most central facts that answer at all; a question of fact, what answers it about as well as the best.
            var floor = Math.Max(options.Value.MinCoverage, (parts[p].Kind == AnswerKind.Overview ? 0 : 0.8f) * ranked[0].Score);
            var mine = 0;
            var answering = ranked.TakeWhile(c => c.Score >= floor);
            if (latest) answering = answering.OrderByDescending(c => Recency.DateOf(c.Hit.Source.Date) ?? DateTimeOffset.MinValue);
            foreach (var c in answering)
            {
                // Sentences agree when they share most words and state the same numbers.
                var same = units.Find(u => Similarity(u[0].Sentence.Terms, c.Sentence.Terms) >= 0.5f && AnswerEvidence.Numbers(u[0].Sentence.Text).SetEquals(AnswerEvidence.Numbers(c.Sentence.Text)));
                if (same is not null)
                {
                    if (!same.Exists(s => s.Article.Source == c.Article.Source)) same.Add(c);
                }
                else if (mine < budget)
                {
                    units.Add([c]);
                    unitParts.Add(parts[p]);
                    mine++;
                }
            }
        }

        var citations = new List<Citation>();
        var texts = new List<string>();
        for (var u = 0; u < units.Count; u++)
            texts.Add(Display(units[u][0].Sentence.Text) + " " + string.Concat(units[u].Select(c => $"[{Cite(citations, c, unitParts[u])}]")));
        if (!latest && parts.Count == 1 && parts[0].Kind == AnswerKind.Quantity && FiguresDiffer(units, parts[0])) texts.Insert(0, AnswerTexts.FiguresDiffer(language));
        if (latest && units.Count > 0 && Recency.DateOf(units[0][0].Hit.Source.Date) is { } day) texts.Insert(0, AnswerTexts.AsOf(language, day));
        return new AnswerDraft(string.Join(" ", texts), citations, Refused: false, 0);
    }

    /// <summary>Sources disagree when they give different figures for the same thing counted ("3,000 workers", "5,000 workers"), not for different things.</summary>
    static bool FiguresDiffer(List<List<Candidate>> units, AskedPart part)
    {
        var counts = new List<(string Source, string Figure, int Counted)>();
        foreach (var c in units.SelectMany(u => u))
            if (AnswerSlots.Count(part, c.Sentence) is var (figure, counted))
                counts.Add((c.Article.Source, figure.Of(c.Sentence.Text).Replace(",", "").Replace(".", ""), counted));
        return counts.Any(a => counts.Any(b => a.Source != b.Source && a.Counted == b.Counted && a.Figure != b.Figure));
    }

    static int Cite(List<Citation> citations, Candidate c, AskedPart? part = null)
    {
        var sentence = c.Sentence;
        var n = citations.Count + 1;
        var highlight = part is null ? null : AnswerSlots.Answering(part, sentence);
        citations.Add(new Citation(n, c.Article.Source, c.Hit.Source.Title, c.Hit.Source.Outlet, sentence.Text, sentence.Chunk, sentence.Span.Start, sentence.Span.End, highlight,
            c.Hit.Source.Url, c.Hit.Source.Date));
        return n;
    }

    static float Similarity(HashSet<int> a, HashSet<int> b)
    {
        var shared = a.Count(b.Contains);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (float)shared / union;
    }
}
