using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace TalksBot.Extraction;

/// <summary>
/// The article of a web page: the page's own metadata, and its main text found by SmartReader (a port of
/// Mozilla's Readability), then written out a block a line.
/// </summary>
public static class PageExtractor
{
    static readonly HtmlParser Parser = new();

    /// <param name="address">Where the page was read from, for relative links and when it names no address of its own.</param>
    public static ExtractedPage Extract(string html, Uri? address = null)
    {
        var page = Parser.ParseDocument(html);
        var metadata = PageMetadata.Of(page);
        var url = Uri.TryCreate(metadata.Url, UriKind.Absolute, out var canonical) ? canonical : address ?? new Uri("https://localhost/");
        var article = new Reader(url.ToString(), page).GetArticle();
        // A page Readability calls too short to read may still be a short article: its text is taken all the same.
        var body = string.IsNullOrWhiteSpace(article.Content) ? "" : Text(article.Content);
        return new ExtractedPage(body, metadata.Title ?? NullIfEmpty(article.Title), metadata.Author ?? NullIfEmpty(article.Author ?? article.Byline),
            metadata.Published ?? article.PublicationDate?.ToString("O"), metadata.Language ?? NullIfEmpty(article.Language), metadata.Url ?? address?.ToString(),
            metadata.Outlet ?? NullIfEmpty(article.SiteName));
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static readonly HashSet<string> Blocks = ["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "TR", "FIGCAPTION", "SECTION", "ARTICLE", "BR", "DD", "DT", "TABLE", "UL", "OL"];

    /// <summary>The text of an article's HTML, a line per block, spaces within a line made single.</summary>
    static string Text(string html)
    {
        var fragment = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        ArticleCleaner.Clean(fragment);
        var text = new StringBuilder();
        Write(fragment, text);
        return string.Join('\n', text.ToString().Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0));
    }

    static void Write(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t) text.Append(t.Data);
            else if (child is IElement e)
            {
                var block = Blocks.Contains(e.TagName);
                if (block) text.Append('\n');
                Write(e, text);
                if (block) text.Append('\n');
            }
        }
    }
}
