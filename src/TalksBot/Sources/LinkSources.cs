using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TalksBot.Documents;
using TalksBot.Extraction;
using TalksBot.Index;
using TalksBot.Ingest;

namespace TalksBot.Sources;

/// <summary>What adding a link did: the source's name and page, or why nothing was added.</summary>
/// <param name="SameAs">The source already indexed that this page is a near-copy of (nothing was added).</param>
public sealed record LinkAdded(string? Name, ExtractedPage? Page, bool Replaced, IndexRun? Run, string? Problem, string? SameAs = null);

/// <summary>
/// Sources by link: the page is fetched safely, saved in the library under a name made from its canonical
/// address (the same article linked again replaces its source instead of adding a second; a near-copy of
/// another source, such as the same wire story from another outlet, is not added), and indexed.
/// </summary>
public sealed class LinkSources(SafeFetcher fetcher, ISeedLibrary library, KnowledgeBase knowledge)
{
    public async Task<LinkAdded> AddAsync(string link, CancellationToken cancellationToken = default)
    {
        var saved = await SaveAsync(link, new NearCopies(), null, cancellationToken);
        if (saved.Problem is not null || saved.SameAs is not null) return saved;
        var run = await knowledge.ReindexAsync(cancellationToken: cancellationToken);
        return saved with { Run = run };
    }

    /// <summary>Fetches and saves the page without indexing it (a feed poll saves its items, then indexes once).</summary>
    /// <param name="copies">What counts as already there besides the index: the pages saved before in the same poll.</param>
    /// <param name="published">The date to keep where the page gives none (a feed item's).</param>
    public async Task<LinkAdded> SaveAsync(string link, NearCopies copies, string? published, CancellationToken cancellationToken = default)
    {
        var fetched = await fetcher.FetchAsync(link, cancellationToken);
        if (fetched.Problem is not null) return new(null, null, false, null, fetched.Problem);
        var kind = fetched.ContentType switch { "application/pdf" => ".pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx", _ => ".html" };
        var bytes = fetched.Body!;
        var address = LinkNames.Canonical(fetched.Address!);
        ExtractedPage? page = null;
        if (kind == ".html")
        {
            var html = Encoding.UTF8.GetString(bytes);
            page = PageExtractor.Extract(html); // no address given: its Url is the page's own, where it names one
            var added = new List<string>();
            // The page's own canonical address names it where it gives one (a link with other parameters is the same article).
            if (Uri.TryCreate(page.Url, UriKind.Absolute, out var declared) && declared.Scheme is "http" or "https") address = LinkNames.Canonical(declared);
            else added.Add($"<link rel=\"canonical\" href=\"{WebUtility.HtmlEncode(address.AbsoluteUri)}\">"); // kept with the page, so its citations can link to it
            if (page.Published is null && published is not null)
            {
                added.Add($"<meta property=\"article:published_time\" content=\"{WebUtility.HtmlEncode(published)}\">");
                page = page with { Published = published };
            }
            if (added.Count > 0) bytes = Encoding.UTF8.GetBytes(WithInHead(html, string.Concat(added)));
        }
        var name = LinkNames.FileName(address, kind);
        var (text, _, problem) = DocumentText.Read(name, bytes);
        if (problem is not null) return new(name, page, false, null, $"{address} {problem}");
        if (copies.Find(name, text!, await knowledge.GetAsync(cancellationToken)) is { } original) return new(name, page, false, null, null, original);
        // A PDF or a Word file cannot carry its link as a saved page does: the metadata file keeps it (and a feed's date), so its citations link to it.
        // Should that file not parse, the index summary names it, and the source is added without them.
        if (kind != ".html") await library.SetMetadataAsync(name, new SourceOverride(null, null, null, published, address.AbsoluteUri, null), cancellationToken);
        var saved = await library.SaveAsync(name, bytes, replace: true, cancellationToken);
        if (saved == SaveOutcome.NotAFile) return new(name, page, false, null, $"{name} is a link or a folder in the seeds folder; nothing was written");
        copies.Add(name, text!);
        return new(name, page, saved == SaveOutcome.Replaced, null, null);
    }

    /// <summary>The page with <paramref name="tags"/> just after &lt;head&gt; (or at the start).</summary>
    static string WithInHead(string html, string tags)
    {
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        var end = head < 0 ? -1 : html.IndexOf('>', head);
        return end < 0 ? tags + html : html[..(end + 1)] + tags + html[(end + 1)..];
    }
}

public static class SourcesExtensions
{
    public static IHostApplicationBuilder AddSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SourcesOptions>().BindConfiguration("Sources")
            .Validate(o => o.MaxBytes > 0 && o.TimeoutSeconds is > 0 and <= 300 && o.MaxRedirects is >= 0 and <= 20,
                "Sources: MaxBytes positive, TimeoutSeconds 1 to 300, MaxRedirects 0 to 20.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<SafeFetcher>();
        builder.Services.TryAddSingleton<LinkSources>();
        return builder;
    }
}
