using System.Text;
using TalksBot.Extraction;
using TalksBot.Ingest;

namespace TalksBot.Documents;

/// <summary>
/// A source file's text, whatever it was written in: plain text and Markdown as they are, web pages
/// through the article extractor, PDF and Word files through their readers; with the metadata the file
/// carries (title, author, date, link), which the metadata file still overrides.
/// </summary>
public static class DocumentText
{
    public static readonly string[] Kinds = [".txt", ".md", ".html", ".htm", ".pdf", ".docx"];

    public static bool IsSource(string name) => Kinds.Any(k => name.EndsWith(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text, what the file says about itself, or why it cannot be used.</summary>
    public static (string? Text, SourceOverride? Found, string? Problem) Read(string name, byte[] bytes)
    {
        var kind = Path.GetExtension(name).ToLowerInvariant();
        try
        {
            return kind switch
            {
                ".html" or ".htm" => Page(bytes),
                ".pdf" => Checked(PdfText.Read(bytes)),
                ".docx" => Checked(DocxText.Read(bytes)),
                _ => Plain(bytes),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged or disguised file (a .pdf that is not one, a zip bomb's error) is a problem of that file, not of the run.
            return (null, null, $"cannot be read as {kind.TrimStart('.').ToUpperInvariant()} ({e.GetType().Name}: {e.Message.TrimEnd('.')})");
        }
    }

    static (string?, SourceOverride?, string?) Plain(byte[] bytes)
    {
        var (text, problem) = SeedValidation.Read(bytes);
        return (text, null, problem);
    }

    static (string?, SourceOverride?, string?) Page(byte[] bytes)
    {
        var (html, problem) = SeedValidation.Read(bytes);
        if (html is null) return (null, null, problem);
        var page = PageExtractor.Extract(html);
        var text = page.Title is null ? page.ArticleBody : page.Title + "\n" + page.ArticleBody;
        return Checked((text, new SourceOverride(page.Title, page.Outlet, page.Author, page.Published, page.Url, Language(page.Language))));
    }

    static (string?, SourceOverride?, string?) Checked((string Text, SourceOverride? Found) read) =>
        string.IsNullOrWhiteSpace(read.Text) ? (null, null, "has no text to read (a scan without text, or an empty document)") : (read.Text, read.Found, null);

    /// <summary>The languages the analysis knows, from a tag such as "en-GB"; others are left to the text's own detection.</summary>
    public static string? Language(string? tag) =>
        tag?.Split('-', '_')[0].ToLowerInvariant() is { } code && (code == LanguageDetector.English || code == LanguageDetector.Dutch) ? code : null;

    /// <summary>Lines joined into paragraphs: a line goes on the one before unless that one ended a sentence or was a heading.</summary>
    public static string Paragraphs(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        var open = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) { if (open) text.Append('\n'); open = false; continue; }
            if (open && text.Length > 0 && text[^1] == '-' && char.IsLower(line[0]) && text.Length > 1 && char.IsLetter(text[^2]))
                text.Length--; // a word broken at the line's end: "nego-" + "tiations"
            else if (open) text.Append(' ');
            text.Append(line);
            open = !(line[^1] is '.' or '!' or '?' or ':' or '"' or '”' or '’');
        }
        return text.ToString().Trim();
    }
}
