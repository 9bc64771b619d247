using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TalksBot.Ingest;

namespace TalksBot.Documents;

/// <summary>A Word file's body, a paragraph a line (headers, footers and comments live in other parts and stay out), and its core properties.</summary>
public static class DocxText
{
    public static (string Text, SourceOverride? Found) Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body;
        var paragraphs = body?.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)).Trim()).Where(p => p.Length > 0) ?? [];
        var core = document.PackageProperties;
        var found = new SourceOverride(Blank(core.Title), null, Blank(core.Creator), core.Created?.ToString("yyyy-MM-dd"), null, DocumentText.Language(core.Language));
        return (string.Join('\n', paragraphs), found);
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
