using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The offline engine. Scores every sentence of the retrieved passages by how much of the question
/// it covers (each question word weighted by its rarity in the index, through its stems,
/// translations and spelling variants) and whether it carries the kind of answer asked for; answers
/// with the best sentences verbatim, citing agreeing sources together and saying where figures
/// differ; and refuses when a name in the question is not in the texts or no sentence covers enough.
/// </summary>
public sealed partial class ExtractiveAnswerer(QueryBuilder queries, IOptions<AnswerOptions> options)
{
    sealed record Candidate(SearchHit Hit, int Sentence, string Text, HashSet<int> Terms, float Coverage, float Score);

    // Reference marks that scraped pages carry ("[2][3]"): kept in quotes, dropped from answer text.
    [GeneratedRegex(@"\s*(\[\d+\])+")]
    private static partial Regex SourceMarkers();

    /// <param name="previous">The earlier turn a follow-up leans on: its question's words count at half weight, and what it answered counts half again.</param>
    public AnswerDraft Answer(SearchIndex index, string question, string language, IReadOnlyList<SearchHit> hits, ConversationTurn? previous = null)
    {
        var o = options.Value;
        var words = queries.Words(index, question, language);
        var own = words.Count;
        if (previous is not null)
            words.AddRange(queries.Words(index, previous.Question, language).Where(c => !words.Exists(w => string.Equals(w.Word, c.Word, StringComparison.OrdinalIgnoreCase))));
        if (words.Count == 0 || hits.Count == 0) return AnswerDraft.Refusal(AnswerTexts.NotInTexts(language));

        var missing = MissingNames(question, words.Take(own).ToList());
        if (missing.Count > 0) return AnswerDraft.Refusal(AnswerTexts.NotMentioned(language, missing));

        var kind = AnswerKinds.Detect(question);
        var unknown = Bm25.Idf(index.Chunks.Count, 0);
        var importance = words.Select((w, i) => (w.Known ? w.Forms.Max(f => Bm25.Idf(index.Chunks.Count, index.DocumentFrequency(f.TermId))) : unknown) * (i < own ? 1f : 0.5f)).ToList();
        var total = importance.Sum();

        var candidates = new List<Candidate>();
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var chunk = hits[rank].Passage;
            var i = 0;
            foreach (var text in chunk.Chunk.SentenceTexts())
            {
                var terms = TextAnalysis.Terms(text, chunk.Language).Select(index.TermId).Where(id => id >= 0).ToHashSet();
                var covered = 0f;
                for (var w = 0; w < words.Count; w++)
                    covered += importance[w] * words[w].Forms.Where(f => terms.Contains(f.TermId)).Select(f => f.Weight).DefaultIfEmpty(0).Max();
                var coverage = covered / total;
                // A follow-up's own words are what it asks anew: a sentence with none of them answers the earlier question.
                if (own < words.Count && !words.Take(own).Any(w => w.Forms.Any(f => terms.Contains(f.TermId)))) coverage *= 0.5f;
                // A follow-up asks for more than was said already.
                if (previous is not null && previous.Answer.Contains(SourceMarkers().Replace(text, ""), StringComparison.Ordinal)) coverage *= 0.5f;
                var score = coverage * Evidence(kind, text) * Quality(text) + 0.02f / (rank + 1);
                candidates.Add(new Candidate(hits[rank], i++, text, terms, coverage, score));
            }
        }

        var ranked = candidates.GroupBy(c => (c.Hit.Passage.Chunk.Source, c.Hit.Passage.Chunk.Sentences[c.Sentence].Start))
            .Select(g => g.First()).OrderByDescending(c => c.Score).ToList();
        var best = ranked[0];
        if (best.Score < o.MinCoverage) return AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), best.Score);
        return Compose(ranked, kind, language, Math.Max(o.MinCoverage, 0.8f * best.Score)) with { Support = best.Score };
    }

    /// <summary>Capitalised words and acronyms of the question (not its first word) that no form of is in the index.</summary>
    static List<string> MissingNames(string question, List<QueryWord> words)
    {
        var unknown = words.Where(w => !w.Known).Select(w => w.Word).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. QueryBuilder.Split(question).Skip(1).Where(w => char.IsUpper(w[0]) && unknown.Contains(w)).Distinct()];
    }

    /// <summary>
    /// How much a sentence's lack of the asked-for kind of answer counts against it. A clock time or an
    /// amount is either stated or not: without one the sentence cannot answer "what time" or "how much".
    /// </summary>
    static float Evidence(AnswerKind kind, string sentence) =>
        AnswerEvidence.Carries(kind, sentence) ? 1f : kind is AnswerKind.ClockTime or AnswerKind.Amount ? 0f : 0.6f;

    /// <summary>Headlines, list headings and fragments answer little.</summary>
    static float Quality(string sentence)
    {
        if (sentence.TrimEnd().EndsWith(':')) return 0.3f;
        return sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 5 ? 0.7f : 1f;
    }

    AnswerDraft Compose(List<Candidate> ranked, AnswerKind kind, string language, float floor)
    {
        // Each unit is a sentence of the answer with the sources that say the same.
        var units = new List<List<Candidate>>();
        foreach (var c in ranked.TakeWhile(c => c.Score >= floor))
        {
            // Sentences agree when they share most words and state the same numbers.
            var same = units.Find(u => Similarity(u[0].Terms, c.Terms) >= 0.5f && AnswerEvidence.Numbers(u[0].Text).SetEquals(AnswerEvidence.Numbers(c.Text)));
            if (same is not null)
            {
                if (!same.Exists(s => s.Hit.Passage.Chunk.Source == c.Hit.Passage.Chunk.Source)) same.Add(c);
            }
            else if (units.Count < options.Value.MaxSentences) units.Add([c]);
        }

        var citations = new List<Citation>();
        var parts = new List<string>();
        foreach (var unit in units)
        {
            var markers = string.Concat(unit.Select(c => $"[{Cite(citations, c)}]"));
            parts.Add(SourceMarkers().Replace(unit[0].Text, "") + " " + markers);
        }
        if (kind == AnswerKind.Quantity && FiguresDiffer(units)) parts.Insert(0, AnswerTexts.FiguresDiffer(language));
        return new AnswerDraft(string.Join(" ", parts), citations, Refused: false, 0);
    }

    /// <summary>Sources disagree when sentences from different sources state no number in common.</summary>
    static bool FiguresDiffer(List<List<Candidate>> units)
    {
        var bySource = units.SelectMany(u => u).GroupBy(c => c.Hit.Passage.Chunk.Source)
            .Select(g => g.SelectMany(c => AnswerEvidence.Numbers(c.Text)).ToHashSet()).Where(n => n.Count > 0).ToList();
        return bySource.Count > 1 && bySource.Skip(1).Any(n => !n.Overlaps(bySource[0]));
    }

    static int Cite(List<Citation> citations, Candidate c)
    {
        var chunk = c.Hit.Passage.Chunk;
        var span = chunk.Sentences[c.Sentence];
        var n = citations.Count + 1;
        citations.Add(new Citation(n, chunk.Source, c.Hit.Source.Title, c.Hit.Source.Outlet, c.Text, chunk.Index, span.Start, span.End));
        return n;
    }

    static float Similarity(HashSet<int> a, HashSet<int> b)
    {
        var shared = a.Count(b.Contains);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (float)shared / union;
    }
}
