using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Llm;

/// <summary>
/// Checks an engine's text before anyone sees it: a marker [n] must point at a passage that was
/// given, and that passage must hold a sentence sharing words with the claim; that sentence,
/// verbatim from the source, becomes the citation's quote (never text the model wrote). Markers
/// that fail are dropped; an answer left with no citation is a refusal.
/// </summary>
public static partial class CitationGuard
{
    public const string NotInTexts = "NOT_IN_TEXTS";

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s*(\[\d{1,3}\])+")]
    private static partial Regex Markers();

    // "… bloodshed. [1]" or "… said.”[2]": models often cite after the full stop, where a sentence
    // splitter makes the markers a sentence of their own.
    [GeneratedRegex(@"([.!?…][""”’)]*)[ \t]*((?:\[\d{1,3}\])+)")]
    private static partial Regex MarkersAfterFullStop();

    public static AnswerDraft Verify(string raw, IReadOnlyList<SearchHit> passages, string language)
    {
        var text = MarkersAfterFullStop().Replace(raw.Trim(), "$2$1");
        if (text.Length == 0 || text.Contains(NotInTexts, StringComparison.Ordinal)) return AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.ModelSaidNotInTexts);

        var citations = new List<Citation>();
        var output = new List<string>();
        foreach (var span in SentenceSplitter.Split(text))
        {
            var sentence = span.Of(text);
            var claim = Markers().Replace(sentence, "");
            var claimTerms = TextAnalysis.Terms(claim, language).Concat(TextAnalysis.Terms(claim, Other(language))).ToHashSet();
            var markers = "";
            foreach (var n in Marker().Matches(sentence).Select(m => int.Parse(m.Groups[1].Value)).Distinct())
            {
                if (n < 1 || n > passages.Count || Support(passages[n - 1], claimTerms) is not var (quote, index, sentenceSpan)) continue;
                var existing = citations.Find(c => c.Source == passages[n - 1].Passage.Chunk.Source && c.Start == sentenceSpan.Start);
                var number = existing?.N ?? citations.Count + 1;
                if (existing is null)
                {
                    var hit = passages[n - 1];
                    citations.Add(new Citation(number, hit.Passage.Chunk.Source, hit.Source.Title, hit.Source.Outlet, quote, hit.Passage.Chunk.Index, sentenceSpan.Start, sentenceSpan.End,
                        Url: hit.Source.Url, Published: hit.Source.Date));
                }
                markers += $"[{number}]";
            }
            output.Add(markers.Length > 0 ? claim.TrimEnd() + " " + markers : claim.TrimEnd());
        }
        return citations.Count == 0
            ? AnswerDraft.Refusal(AnswerTexts.NotInTexts(language), Declined.NothingVerifiable)
            : new AnswerDraft(string.Join(" ", output), citations, Refused: false, Support: 1);
    }

    /// <summary>The passage's sentence sharing the most words with the claim, or null when none shares any.</summary>
    static (string Quote, int Index, TextSpan Span)? Support(SearchHit passage, HashSet<string> claimTerms)
    {
        var chunk = passage.Passage.Chunk;
        (string, int, TextSpan)? best = null;
        var bestShared = 0;
        var i = 0;
        foreach (var sentence in chunk.SentenceTexts())
        {
            var shared = TextAnalysis.Terms(sentence, passage.Passage.Language).Distinct().Count(claimTerms.Contains);
            if (shared > bestShared) (best, bestShared) = ((sentence, i, chunk.Sentences[i]), shared);
            i++;
        }
        return best;
    }

    static string Other(string language) => language == LanguageDetector.Dutch ? LanguageDetector.English : LanguageDetector.Dutch;

    /// <summary>Passage text for a prompt, without the reference marks scraped pages carry, which would read as citations.</summary>
    public static string WithoutMarkers(string text) => Markers().Replace(text, "");
}
