using System.Text.Json;
using AngleSharp.Dom;

namespace TalksBot.Extraction;

/// <summary>
/// What a page says about its article in the markup made for machines, best first: JSON-LD
/// (NewsArticle and its kin), Open Graph and article:* meta tags, the usual name= meta tags, then
/// &lt;time&gt;, &lt;link rel=canonical&gt; and &lt;html lang&gt;.
/// </summary>
public sealed record PageMetadata(string? Title, string? Author, string? Published, string? Language, string? Url, string? Outlet)
{
    static readonly HashSet<string> ArticleTypes = ["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "OpinionNewsArticle", "WebPage", "LiveBlogPosting"];

    public static PageMetadata Of(IDocument page)
    {
        var ld = LinkedData(page);
        string? Meta(params string[] keys) => keys
            .Select(k => page.QuerySelector($"meta[property='{k}'], meta[name='{k}'], meta[itemprop='{k}']")?.GetAttribute("content")?.Trim())
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var outlet = First(Meta("og:site_name", "application-name"), Publisher(ld));
        return new(
            Title: WithoutOutlet(First(Text(ld, "headline"), Meta("og:title", "twitter:title"), page.Title?.Trim()), outlet),
            Author: First(Authors(ld), Meta("author", "article:author", "byl", "parsely-author", "dc.creator")),
            Published: First(Text(ld, "datePublished"), Meta("article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "parsely-pub-date"),
                page.QuerySelector("time[datetime]")?.GetAttribute("datetime")?.Trim()),
            Language: First(Text(ld, "inLanguage"), page.DocumentElement.GetAttribute("lang")?.Trim(), Meta("og:locale", "language")),
            Url: First(page.QuerySelector("link[rel='canonical']")?.GetAttribute("href")?.Trim(), Meta("og:url"), Text(ld, "url")),
            Outlet: outlet);
    }

    static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · "];

    /// <summary>"Lock gates | River Post" is "Lock gates" when the page's outlet is River Post: a &lt;title&gt; often carries the site's name.</summary>
    static string? WithoutOutlet(string? title, string? outlet)
    {
        if (title is null || outlet is null) return title;
        foreach (var separator in TitleSeparators)
        {
            if (title.EndsWith(separator + outlet, StringComparison.OrdinalIgnoreCase)) return title[..^(separator.Length + outlet.Length)].Trim();
            if (title.StartsWith(outlet + separator, StringComparison.OrdinalIgnoreCase)) return title[(outlet.Length + separator.Length)..].Trim();
        }
        return title;
    }

    static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The first JSON-LD object of an article type, looked for in @graph and arrays too; a block that does not parse is passed over.</summary>
    static JsonElement? LinkedData(IDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (Find(json.RootElement) is { } found) return found.Clone();
            }
            catch (JsonException) { }
        }
        return null;
    }

    static JsonElement? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) if (Find(item) is { } found) return found;
                return null;
            case JsonValueKind.Object:
                if (element.TryGetProperty("@type", out var type) && Types(type).Any(ArticleTypes.Contains) && element.TryGetProperty("headline", out _)) return element;
                return element.TryGetProperty("@graph", out var graph) ? Find(graph) : null;
            default:
                return null;
        }
    }

    static IEnumerable<string> Types(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => [type.GetString()!],
        JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!),
        _ => [],
    };

    static string? Text(JsonElement? ld, string name) =>
        ld is { } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim() : null;

    static string? Authors(JsonElement? ld)
    {
        if (ld is not { } e || !e.TryGetProperty("author", out var author)) return null;
        IEnumerable<JsonElement> people = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray() : [author];
        var names = people.Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()
            : p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null)
            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct().ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    static string? Publisher(JsonElement? ld) =>
        ld is { } e && e.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()?.Trim() : null;
}
