using System.Text.RegularExpressions;
using TalksBot.Ingest;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace TalksBot.Documents;

/// <summary>
/// A PDF's text in reading order, without what repeats on its pages (running headers and footers, page
/// numbers), lines joined into paragraphs and words broken at a line's end made whole; and its title and author.
/// </summary>
public static partial class PdfText
{
    [GeneratedRegex(@"^\s*(page\s+)?\d+(\s*(/|of|van)\s*\d+)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    public static (string Text, SourceOverride? Found) Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        var pages = document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p).Split('\n').Select(l => l.Trim()).ToList()).ToList();
        // A line that comes back, numbers aside, at the top or bottom of most pages is the page's, not the text's.
        var edges = pages.Where(p => p.Count > 0).SelectMany(p => p.Where(l => l.Length > 0).Take(2).Concat(p.Where(l => l.Length > 0).TakeLast(2)).Distinct()).Select(Shape)
            .GroupBy(s => s).Where(g => pages.Count >= 3 && g.Count() * 2 > pages.Count).Select(g => g.Key).ToHashSet();
        var lines = pages.SelectMany(p => p.Where(l => !PageNumber().IsMatch(l) && !(l.Length > 0 && edges.Contains(Shape(l)))).Append(""));
        var info = document.Information;
        return (DocumentText.Paragraphs(lines), new SourceOverride(Blank(info.Title), null, Blank(info.Author), null, null, null));
    }

    static string Shape(string line) => Digits().Replace(line, "#");

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
