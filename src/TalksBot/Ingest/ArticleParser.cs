using System.Text.RegularExpressions;

namespace TalksBot.Ingest;

/// <summary>
/// Turns a scraped news text into an <see cref="Article"/>: takes the title from a headline first
/// line, lifts attribution lines (source, byline, date, link) into metadata, drops page furniture,
/// and splits what is left into sentences. The text itself is never rewritten.
/// </summary>
public static partial class ArticleParser
{
    [GeneratedRegex(@"^(sources?|bronn?(en)?)\s*:\s*(?<v>\S.{0,80})$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceLine();

    // Names are capitalised, so only the leading word ignores case.
    [GeneratedRegex(@"^(?i:by|door)\s+(?<v>\p{Lu}[\p{L}.'’-]*(\s+((and|en|&|van|de|der|den|von|ter|ten)\s+)*\p{Lu}[\p{L}.'’-]*){0,5})$")]
    private static partial Regex BylineLine();

    [GeneratedRegex(@"^(published|updated|posted|date|datum|gepubliceerd|bijgewerkt)(\s+(on|op))?\s*:?\s*(?<v>.*\d.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^((url|link|original|origineel)\s*:\s*)?(?<v>https?://\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlLine();

    public static Article Parse(string text)
    {
        var lines = Lines(text);
        string? outlet = null, author = null, date = null, url = null;
        var kept = new List<TextSpan>();
        var removed = 0;

        foreach (var line in lines)
        {
            var content = line.Of(text).Trim();
            if (content.Length == 0) continue;
            if (TryMatch(SourceLine(), content, ref outlet) || TryMatch(BylineLine(), content, ref author)
                || TryMatch(DateLine(), content, ref date) || TryMatch(UrlLine(), content, ref url)
                || Boilerplate.IsBoilerplate(content))
            {
                removed++;
                continue;
            }
            kept.Add(line);
        }

        // After the last paragraph of prose, short unpunctuated lines are tags and widget titles.
        var lastProse = kept.FindLastIndex(l => !Boilerplate.IsFragment(l.Of(text)));
        if (lastProse >= 0 && lastProse < kept.Count - 1)
        {
            removed += kept.Count - 1 - lastProse;
            kept.RemoveRange(lastProse + 1, kept.Count - 1 - lastProse);
        }

        var sentences = kept.SelectMany(l => SentenceSplitter.Split(text, l)).ToList();
        var info = new SourceInfo(Title(text, kept, sentences), LanguageDetector.Detect(text, sentences), outlet, author, date, url);
        return new Article(text, info, sentences, removed);
    }

    static bool TryMatch(Regex regex, string line, ref string? value)
    {
        var match = regex.Match(line);
        if (!match.Success) return false;
        value ??= match.Groups["v"].Value.Trim();
        return true;
    }

    /// <summary>A first line that reads as a headline is the title; otherwise the first words of the text.</summary>
    static string Title(string text, List<TextSpan> lines, List<TextSpan> sentences)
    {
        if (lines.Count == 0) return "";
        var first = lines[0].Of(text).Trim();
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Count > 1 && first.Length <= 200 && words.Length <= 25 && !first.EndsWith('.')) return first;

        var opening = sentences[0].Of(text);
        var openingWords = opening.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return openingWords.Length <= 10 ? opening : string.Join(' ', openingWords.Take(10)) + "…";
    }

    static List<TextSpan> Lines(string text)
    {
        var lines = new List<TextSpan>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var trimmedEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            lines.Add(new TextSpan(start, trimmedEnd));
            start = end + 1;
        }
        return lines;
    }
}
