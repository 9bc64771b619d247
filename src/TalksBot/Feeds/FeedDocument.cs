using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace TalksBot.Feeds;

/// <summary>An item of a feed: its identity, the page it links to, and a version that changes when the item is edited.</summary>
/// <param name="Published">ISO 8601 (UTC) where the feed gives a date it can be read from.</param>
public sealed record FeedEntry(string Id, string Link, string? Title, string? Published, string Version);

/// <summary>A feed read: its title and items, or why it could not be read.</summary>
public sealed record FeedDocument(string? Title, IReadOnlyList<FeedEntry> Entries, string? Problem)
{
    /// <summary>Items past this many in one document are left for the next poll: a feed is news, not an archive.</summary>
    public const int MaxEntries = 500;

    /// <summary>
    /// RSS 2.0 (and 1.0), Atom or JSON Feed. XML is read with DTDs prohibited: no external entities and no
    /// entity expansion (the "billion laughs"), so a hostile feed is refused rather than followed.
    /// </summary>
    public static FeedDocument Parse(byte[] body, Uri address)
    {
        try
        {
            return FirstCharacter(body) == '{' ? Json(body, address) : Xml(body, address);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Failed("declares a DTD, which is not read (no external entities, no entity expansion)");
        }
        catch (XmlException e)
        {
            return Failed($"is not well-formed XML ({e.Message.TrimEnd('.')})");
        }
        catch (JsonException e)
        {
            return Failed($"is not well-formed JSON ({e.Message.TrimEnd('.')})");
        }
    }

    static FeedDocument Failed(string problem) => new(null, [], problem);

    /// <summary>The first byte after a UTF-8 byte order mark and white space: '{' is JSON, anything else is read as XML.</summary>
    static char FirstCharacter(byte[] body)
    {
        var at = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (at < body.Length && body[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
        return at < body.Length ? (char)body[at] : '\0';
    }

    static FeedDocument Xml(byte[] body, Uri address)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0,
            IgnoreComments = true, IgnoreProcessingInstructions = true,
        };
        using var reader = XmlReader.Create(new MemoryStream(body), settings);
        var root = XDocument.Load(reader).Root!;
        var entries = new List<FeedEntry>();
        switch (root.Name.LocalName)
        {
            case "rss":
                var channel = Child(root, "channel");
                if (channel is null) return Failed("is RSS without a <channel>");
                foreach (var item in Children(channel, "item")) Add(entries, RssItem(item, address));
                return new(Value(channel, "title"), entries, null);
            case "RDF": // RSS 1.0: the items sit beside the channel
                foreach (var item in Children(root, "item")) Add(entries, RssItem(item, address));
                return new(Value(Child(root, "channel"), "title"), entries, null);
            case "feed":
                foreach (var entry in Children(root, "entry")) Add(entries, AtomEntry(entry, address));
                return new(Value(root, "title"), entries, null);
            default:
                return Failed($"is XML but not a feed (its root is <{root.Name.LocalName}>, not <rss> or <feed>)");
        }
    }

    static FeedEntry? RssItem(XElement item, Uri address)
    {
        var link = Resolve(address, Value(item, "link") ?? Permalink(item));
        var published = Date(Value(item, "pubDate") ?? Value(item, "date"));
        var id = Value(item, "guid") ?? link;
        return Entry(id, link, Value(item, "title"), published, Value(item, "description"), Value(item, "encoded"));
    }

    /// <summary>A &lt;guid&gt; is the item's address unless it says isPermaLink="false".</summary>
    static string? Permalink(XElement item) =>
        Child(item, "guid") is { } guid && (string?)guid.Attribute("isPermaLink") != "false" ? guid.Value.Trim() : null;

    static FeedEntry? AtomEntry(XElement entry, Uri address)
    {
        var links = Children(entry, "link").ToList();
        var alternate = links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate") ?? links.FirstOrDefault();
        var link = Resolve(address, (string?)alternate?.Attribute("href"));
        var updated = Value(entry, "updated");
        return Entry(Value(entry, "id") ?? link, link, Value(entry, "title"), Date(Value(entry, "published") ?? updated), updated, Value(entry, "summary"), Value(entry, "content"));
    }

    static FeedDocument Json(byte[] body, Uri address)
    {
        using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || String(root, "version") is not { } version || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
            return Failed("is JSON but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/…\")");
        var entries = new List<FeedEntry>();
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                var link = Resolve(address, String(item, "url") ?? String(item, "external_url"));
                Add(entries, Entry(String(item, "id") ?? link, link, String(item, "title"), Date(String(item, "date_published") ?? String(item, "date_modified")),
                    String(item, "date_modified"), String(item, "content_html"), String(item, "content_text"), String(item, "summary")));
            }
        return new(String(root, "title"), entries, null);
    }

    static void Add(List<FeedEntry> entries, FeedEntry? entry)
    {
        if (entry is not null && entries.Count < MaxEntries && entries.All(e => e.Id != entry.Id)) entries.Add(entry);
    }

    /// <summary>An item without an http(s) link has no page to take in, and is left out.</summary>
    static FeedEntry? Entry(string? id, string? link, string? title, string? published, params string?[] content)
    {
        if (link is null || string.IsNullOrWhiteSpace(id)) return null;
        // The version covers what an edit changes (a feed's own "updated" where it has one, else its text), so an edited item is read again.
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [link, title, published, .. content]))))[..16];
        return new(id.Trim(), link, title, published, version);
    }

    static string? Resolve(Uri address, string? link) =>
        !string.IsNullOrWhiteSpace(link) && Uri.TryCreate(address, link.Trim(), out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;

    /// <summary>RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed), as UTC.</summary>
    static string? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        // RFC 822's zone names that .NET does not read ("EST"); "GMT" and "+0000" it does.
        foreach (var (zone, offset) in new[] { (" UT", " +0000"), (" EST", " -0500"), (" EDT", " -0400"), (" CST", " -0600"), (" CDT", " -0500"), (" PST", " -0800"), (" PDT", " -0700") })
            if (text.EndsWith(zone, StringComparison.Ordinal)) text = text[..^zone.Length] + offset;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;
    }

    static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The first non-empty element of that name (an item's &lt;atom:link/&gt; beside its &lt;link&gt; is empty).</summary>
    static string? Value(XElement? parent, string name) =>
        parent is null ? null : Children(parent, name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);

    static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
