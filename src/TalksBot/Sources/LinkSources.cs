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
public sealed record LinkAdded(string? Name, ExtractedPage? Page, bool Replaced, IndexRun? Run, string? Problem);

/// <summary>
/// Sources by link: the page is fetched safely, saved in the library under a name made from its canonical
/// address (the same article linked again replaces its source instead of adding a second), and indexed.
/// </summary>
public sealed class LinkSources(SafeFetcher fetcher, ISeedLibrary library, KnowledgeBase knowledge)
{
    public async Task<LinkAdded> AddAsync(string link, CancellationToken cancellationToken = default)
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
            // The page's own canonical address names it where it gives one (a link with other parameters is the same article).
            if (Uri.TryCreate(page.Url, UriKind.Absolute, out var declared) && declared.Scheme is "http" or "https") address = LinkNames.Canonical(declared);
            else bytes = Encoding.UTF8.GetBytes(WithCanonical(html, address)); // kept with the page, so its citations can link to it
        }
        var name = LinkNames.FileName(address, kind);
        var (_, _, problem) = DocumentText.Read(name, bytes);
        if (problem is not null) return new(name, page, false, null, $"{address} {problem}");
        var saved = await library.SaveAsync(name, bytes, replace: true, cancellationToken);
        if (saved == SaveOutcome.NotAFile) return new(name, page, false, null, $"{name} is a link or a folder in the seeds folder; nothing was written");
        var run = await knowledge.ReindexAsync(cancellationToken: cancellationToken);
        return new(name, page, saved == SaveOutcome.Replaced, run, null);
    }

    /// <summary>The page with a &lt;link rel=canonical&gt; naming where it was fetched from, just after &lt;head&gt; (or at the start).</summary>
    static string WithCanonical(string html, Uri address)
    {
        var tag = $"<link rel=\"canonical\" href=\"{System.Net.WebUtility.HtmlEncode(address.AbsoluteUri)}\">";
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        var end = head < 0 ? -1 : html.IndexOf('>', head);
        return end < 0 ? tag + html : html[..(end + 1)] + tag + html[(end + 1)..];
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
