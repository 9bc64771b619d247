using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Conversations;
using TalksBot.Search;
using TalksBot.Semantic;

namespace TalksBot.Extractive;

/// <summary>
/// The offline engine. Reads the question (<see cref="QuestionReader"/>), scores every sentence of the
/// retrieved passages with its context (<see cref="EvidenceScorer"/>), and answers each part of the
/// question with the best sentences verbatim, citing agreeing sources together and saying where
/// figures differ. It answers only when a sentence states the kind of thing asked for and the
/// question's names hold; otherwise it says so, and shows the closest thing the texts do say.
/// </summary>
public sealed partial class ExtractiveAnswerer(QuestionReader reader, EvidenceScorer scorer, SentenceVectors vectors, AnswerGate gate, IOptions<AnswerOptions> options)
{
    sealed record Candidate(SearchHit Hit, int Rank, IndexedArticle Article, int Position, Evidence Evidence, float Score)
    {
        public IndexedSentence Sentence => Article.Sentences[Position];
    }

    /// <summary>How much less each later sentence of a report counts, up to the sixth, when a question asks for an account of a topic.</summary>
    const float LeadDecay = 0.06f;

    /// <summary>The opening sentences of a report read for an account of a topic.</summary>
    const int LeadSentences = 6;

    // Reference marks that scraped pages carry ("[2][3]"): kept in quotes, dropped from answer text.
    [GeneratedRegex(@"\s*(\[\d+\])+")]
    private static partial Regex SourceMarkers();

    // A list item's marker and label ("- Port Opening: "): the sentence after it is what answers.
    [GeneratedRegex(@"^\s*([-•*–]\s+)?(\p{Lu}[\p{L}'’\- ]{0,40}:\s+)?")]
    private static partial Regex ListLead();

    /// <param name="previous">The earlier turn a follow-up leans on: its question's words count at half weight, and what it answered counts half again.</param>
    /// <param name="vector">The question's sentence vector, where its search computed one.</param>
    public AnswerDraft Answer(SearchIndex index, string question, string language, IReadOnlyList<SearchHit> hits, ConversationTurn? previous = null,
        IReadOnlyList<QueryWord>? known = null, float[]? vector = null)
    {
        var latest = Recency.AsksForLatest(question);
        if (latest) (question, known, vector) = (Recency.WithoutTimeWords(question), null, null);
        var (parts, answers, refusal) = Read(index, question, language, hits, previous, known);
        if (refusal is not null) return refusal;
        if (!options.Value.Gate || !gate.Trained) return Compose(answers, parts, language, latest) with { Support = Math.Min(1f, answers.Min(a => a[0].Score)) };

        // The learned gate picks each part's sentence among those the rules let through; the answer stands
        // only as well as its weakest part.
        var asked = vector ?? vectors.Question(question);
        var readings = new List<GateReading>();
        for (var p = 0; p < parts.Count; p++)
        {
            var read = Choices(parts[p], language, answers[p], parts.Count, asked).Select(c => gate.Read(c.Features, asked is not null)).ToList();
            var chosen = read.IndexOf(read.MaxBy(r => r.Probability)!);
            if (chosen > 0) answers[p] = [answers[p][chosen], .. answers[p].Where((_, i) => i != chosen)];
            readings.Add(read[chosen]);
        }
        var weakest = readings.IndexOf(readings.MinBy(r => r.Probability)!);
        if (!readings[weakest].Passes)
            return Unsure(answers[weakest], language, parts.Count > 1) with { Reading = readings[weakest] };
        return Compose(answers, parts, language, latest) with { Support = Math.Min(1f, answers.Min(a => a[0].Score)), Reading = readings[weakest] };
    }

    /// <summary>
    /// What the learned gate would choose from, for training it: each part's candidate sentences with their
    /// features, or nothing where the rules decline before the gate is asked.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<GateCandidate>> GateCandidates(SearchIndex index, string question, string language, IReadOnlyList<SearchHit> hits, IReadOnlyList<QueryWord>? known = null)
    {
        var (parts, answers, refusal) = Read(index, question, language, hits, null, known);
        if (refusal is not null) return [];
        var asked = vectors.Question(question);
        return [.. parts.Select((part, p) => Choices(part, language, answers[p], parts.Count, asked).Select((c, i) =>
        {
            var chosen = answers.Select((a, q) => q != p || i == 0 ? a : [a[i], .. a.Where((_, j) => j != i)]).ToList();
            return c with { Answer = Compose(chosen, parts, language, latest: false) };
        }).ToList())];
    }

    /// <summary>The rules' reading: the question's parts and each part's ranked sentences, or why it is declined.</summary>
    (List<AskedPart> Parts, List<List<Candidate>> Answers, AnswerDraft? Refusal) Read(SearchIndex index, string question, string language,
        IReadOnlyList<SearchHit> hits, ConversationTurn? previous, IReadOnlyList<QueryWord>? known)
    {
        var o = options.Value;
        var parts = reader.Read(index, question, language, previous?.Question, known);
        var answers = new List<List<Candidate>>();
        if (hits.Count == 0) return (parts, answers, AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.NoPassages));
        if (parts.All(p => p.Words.Count == 0)) return (parts, answers, AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.NoWordsToMatch));

        // "And the Belgian one?" with no question before it: what it goes on from is not known.
        if (previous is null && FollowUp.OpensWithConnective(question) && !parts.SelectMany(p => p.Own).Any(w => w.Role == WordRole.Focus))
            return (parts, answers, AnswerDraft.Refusal(AnswerTexts.NeedsContext(language), Declined.NeedsContext));

        var missing = MissingNames(question, [.. parts.SelectMany(p => p.Own).Select(w => w.Word)]);
        if (missing.Count > 0) return (parts, answers, AnswerDraft.Refusal(AnswerTexts.NotMentioned(language, missing), Declined.UnknownName));
        // Only the names match ("the weather in Lyon", "the capital of Peru"): what is asked about, no text has.
        if (parts.Exists(p => p.Own.Any(w => w.Role == WordRole.Focus) && p.Own.Where(w => w.Role == WordRole.Focus).All(w => !w.Word.Known)))
            return (parts, answers, AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.OnlyNamesMatch));

        var said = previous?.Answer ?? "";
        foreach (var part in parts)
        {
            var ranked = Rank(index, part, language, hits, said, answers.Count > 0 ? answers[^1][0] : null);
            var best = ranked.FirstOrDefault(c => c.Score >= o.MinCoverage);
            if (best is null) return (parts, answers, Decline(ranked, part, language, parts.Count > 1));
            answers.Add(ranked);
            said += " " + best.Sentence.Text;
        }
        return (parts, answers, null);
    }

    /// <param name="before">The answer to the part before: "and how did he describe them" is answered beside it.</param>
    List<Candidate> Rank(SearchIndex index, AskedPart part, string language, IReadOnlyList<SearchHit> hits, string said, Candidate? before)
    {
        var o = options.Value;
        var followUp = part.Own.Any() && part.Words.Any(w => w.Role == WordRole.Context);
        var seen = new HashSet<(string, int)>();
        var candidates = new List<Candidate>();
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var chunk = hits[rank].Passage.Chunk;
            var article = index.Article(chunk.Source);
            // An account of a topic also reads the opening of each report found: its lead says what matters most.
            var lead = part.Kind == AnswerKind.Overview ? Enumerable.Range(0, Math.Min(LeadSentences, article.Sentences.Count)) : [];
            foreach (var position in chunk.Sentences.Select((_, i) => article.Position(chunk.Index, i)).Concat(lead))
            {
                if (!seen.Add((chunk.Source, position))) continue;
                var beside = before is not null && before.Article.Source == article.Source && Math.Abs(before.Position - position) == 1 ? before.Sentence : null;
                var evidence = scorer.Score(part, language, article, position, beside);
                var score = evidence.Coverage * Quality(article.Sentences[position].Text);
                if (!evidence.Bound || evidence.Direct < o.MinDirect && part.Kind != AnswerKind.Overview) score = 0;
                // A follow-up's own words are what it asks anew: a sentence with none of them answers the earlier question.
                if (followUp && evidence.Own == 0) score *= 0.5f;
                // A follow-up asks for more than was said already.
                if (said.Length > 0 && said.Contains(SourceMarkers().Replace(article.Sentences[position].Text, ""), StringComparison.Ordinal)) score *= 0.5f;
                var fit = evidence.Carries ? 1f : AnswerKinds.IsStrict(part.Kind) ? 0f : o.MissingKindFactor;
                // A news report tells what matters most first: an account of a topic leans on its reports' opening sentences.
                if (part.Kind == AnswerKind.Overview) fit *= 1f - LeadDecay * Math.Min(position, 5);
                candidates.Add(new Candidate(hits[rank], rank, article, position, evidence, score * fit + (score > 0 ? 0.02f / (rank + 1) : 0)));
            }
        }
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        return candidates;
    }

    /// <summary>
    /// No sentence answers: say so, and where a sentence is about the question but lacks what it asks
    /// for (a date, a figure, a quote), show it, still cited and verbatim, as what the texts do say.
    /// </summary>
    AnswerDraft Decline(List<Candidate> ranked, AskedPart part, string language, bool partial)
    {
        var o = options.Value;
        var refusal = partial ? AnswerTexts.NotAllInTexts(language) : AnswerTexts.NotInTexts(language);
        var close = ranked.Where(c => c.Evidence.Bound && c.Evidence.Direct >= o.MinDirect && !c.Evidence.Carries)
            .MaxBy(c => c.Evidence.Coverage * Quality(c.Sentence.Text));
        if (close is null || close.Evidence.Coverage * Quality(close.Sentence.Text) < o.MinCoverage)
            return AnswerDraft.Refusal(refusal, Declined.NoSentenceAnswers, ranked.Count > 0 ? Math.Min(1f, ranked[0].Score) : 0);
        return Closest(AnswerTexts.NotStated(language, part.Kind), close, language, Declined.NothingCarriesKind);
    }

    /// <summary>The learned gate does not trust the best sentence to answer: say so, and show it as what the texts do say.</summary>
    AnswerDraft Unsure(List<Candidate> ranked, string language, bool partial) =>
        Closest(partial ? AnswerTexts.NotAllInTexts(language) : AnswerTexts.MayNotAnswer(language), ranked[0], language, Declined.BelowThreshold);

    AnswerDraft Closest(string refusal, Candidate close, string language, Declined why)
    {
        var citations = new List<Citation>();
        var text = $"{refusal} {AnswerTexts.Closest(language)} {Display(close.Sentence.Text)} [{Cite(citations, close)}]";
        return new AnswerDraft(text, citations, Refused: true, 0) { Why = why };
    }

    /// <summary>Capitalised words and acronyms of the question (not its first word) that no form of is in the index.</summary>
    static List<string> MissingNames(string question, List<QueryWord> words)
    {
        var unknown = words.Where(w => !w.Known).Select(w => w.Word).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. QueryBuilder.Split(question).Skip(1).Where(w => char.IsUpper(w[0]) && unknown.Contains(w)).Distinct()];
    }

    /// <summary>Headlines, list headings and fragments answer little.</summary>
    static float Quality(string sentence)
    {
        var text = sentence.TrimEnd();
        if (text.EndsWith(':')) return 0.3f;
        if (text.Length > 0 && !".!?\"”’…)".Contains(text[^1])) return 0.5f;
        return Words(text, atMost: 5) < 5 ? 0.7f : 1f;
    }

    /// <summary>The words of a text (runs between spaces), counted up to <paramref name="atMost"/>: this is asked of every sentence read.</summary>
    static int Words(string text, int atMost)
    {
        var (count, inWord) = (0, false);
        foreach (var c in text)
        {
            if (c == ' ') { inWord = false; continue; }
            if (inWord) continue;
            inWord = true;
            if (++count == atMost) break;
        }
        return count;
    }

    /// <summary>
    /// A sentence as the answer shows it: without reference marks, list markers and labels, and with
    /// the quotation marks of a quote it only begins or ends ("…” he said") closed with an ellipsis
    /// (the citation keeps the sentence verbatim).
    /// </summary>
    static string Display(string sentence)
    {
        var text = SourceMarkers().Replace(sentence, "");
        var lead = ListLead().Match(text);
        if (lead.Length > 0 && lead.Length < text.Length - 20) text = text[lead.Length..];
        var (opens, closes) = (text.Count(c => c == '“'), text.Count(c => c == '”'));
        if (closes > opens) text = "“…" + text;
        else if (opens > closes) text += "…”";
        return text;
    }
}
