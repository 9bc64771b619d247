using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TalksBot.Fakes;

namespace TalksBot.Tests.Feeds;

/// <summary>
/// A news site on 127.0.0.1 for feed tests: pages (saved real pages, sent gzip-encoded as servers do, or
/// written by the test), an RSS feed of them whose ETag changes with its content (a matching If-None-Match
/// is a 304), and a count of the requests each path got.
/// </summary>
public sealed class FeedSite : IAsyncDisposable
{
    readonly LocalServer server;
    readonly ConcurrentDictionary<string, (byte[] Body, bool Gzipped)> pages = new();
    readonly ConcurrentDictionary<string, int> requests = new();

    /// <summary>The feed's items in order: path, title, date; change it to edit the feed.</summary>
    public List<(string Path, string Title, DateTimeOffset Date)> Items { get; } = [];

    /// <summary>Where the feed is answered with this status instead (500: a feed that fails).</summary>
    public int? FeedStatus { get; set; }

    FeedSite(LocalServer server) => this.server = server;

    public string Url => server.Url;
    public string FeedUrl => server.Url + "/feed.xml";

    public static async Task<FeedSite> StartAsync()
    {
        FeedSite? site = null;
        var server = await LocalServer.StartAsync(app => app.Run(context => site!.AnswerAsync(context)));
        site = new FeedSite(server);
        return site;
    }

    /// <summary>The first <paramref name="count"/> saved news pages of ../shared/extraction, as /news/0 … in the feed.</summary>
    public void AddSavedPages(int count)
    {
        var files = Directory.GetFiles(Path.Combine(TestKnowledgeBase.RepositoryRoot(), "..", "shared", "extraction", "html"), "*.html.gz").Order(StringComparer.Ordinal).Take(count).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            pages[$"/news/{i}"] = (File.ReadAllBytes(files[i]), true);
            Items.Add(($"/news/{i}", $"Story {i}", new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddHours(i)));
        }
    }

    public void SetPage(string path, string html) => pages[path] = (Encoding.UTF8.GetBytes(html), false);

    public int Requests(string path) => requests.GetValueOrDefault(path);

    public int PageRequests => requests.Where(r => r.Key != "/feed.xml").Sum(r => r.Value);

    public string Feed()
    {
        var items = string.Concat(Items.Select(i => $"""
            <item><title>{i.Title}</title><link>{server.Url}{i.Path}</link><guid>{server.Url}{i.Path}</guid><pubDate>{i.Date.ToString("R")}</pubDate></item>
            """));
        return $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local News</title><link>{server.Url}/</link>{items}</channel></rss>""";
    }

    async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (path == "/feed.xml")
        {
            if (FeedStatus is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }
            var feed = Feed();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(feed)))[..16]}\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(feed);
            return;
        }
        if (!pages.TryGetValue(path, out var page))
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        if (page.Gzipped) context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(page.Body);
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
