using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TalksBot.Sources;

/// <summary>A fetched page, or why it was not fetched (a sentence for the person who gave the link).</summary>
/// <param name="NotModified">A conditional request was answered 304: nothing changed, nothing was read.</param>
/// <param name="ETag">With <paramref name="LastModified"/>, what the server said to send back next time.</param>
public sealed record Fetched(Uri? Address, byte[]? Body, string? ContentType, string? Problem, bool NotModified = false, string? ETag = null, string? LastModified = null);

/// <summary>
/// Fetches what a person links to, and nothing else: http and https only; every address a name resolves to is
/// checked, and the connection goes to the address that was checked (no second look-up to rebind in between),
/// on every redirect too (at most Sources:MaxRedirects); private, loopback, link-local and multicast addresses are
/// refused unless Sources:AllowPrivateNetworks; the body is read up to Sources:MaxBytes after decompression, within
/// Sources:TimeoutSeconds, and only as a web page, a PDF or a Word file.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    readonly SourcesOptions options;
    readonly HttpClient http;

    static readonly string[] Pages = ["text/html", "application/xhtml+xml", "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];

    /// <summary>What RSS, Atom and JSON Feed are served as in the wild (many servers say plain XML or JSON).</summary>
    static readonly string[] Feeds = ["application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "application/feed+json", "application/json", "text/plain"];

    public SafeFetcher(IOptions<SourcesOptions> options)
    {
        this.options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // each hop is checked here
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        // The time limit is the whole fetch's, body included (a server that sends a byte a second is cut off too): SendAsync's.
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("TalksBot/1.0 (+source fetcher)");
    }

    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => options.AllowPrivateNetworks || IsPublic(a)).ToList();
        if (allowed.Count == 0) throw new RefusedException($"{context.DnsEndPoint.Host} is a private, loopback or link-local address (Sources:AllowPrivateNetworks)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    sealed class RefusedException(string message) : IOException(message);

    /// <summary>An address on the public internet: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, shared (100.64/10), multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || b[0] >= 224 || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168
            || b[0] == 169 && b[1] == 254 || b[0] == 100 && b[1] is >= 64 and <= 127 || b[0] == 192 && b[1] == 0 && b[2] == 0);
    }

    /// <summary>A web page, a PDF or a Word file.</summary>
    public Task<Fetched> FetchAsync(string link, CancellationToken cancellationToken = default) =>
        SendAsync(link, Pages, "not a web page, a PDF or a Word file", null, null, cancellationToken);

    /// <summary>A feed, asked for only if it changed since the <paramref name="etag"/> or <paramref name="lastModified"/> it was last sent with.</summary>
    public Task<Fetched> FetchFeedAsync(string link, string? etag, string? lastModified, CancellationToken cancellationToken = default) =>
        SendAsync(link, Feeds, "not an RSS, Atom or JSON feed", etag, lastModified, cancellationToken);

    async Task<Fetched> SendAsync(string link, string[] kinds, string kindsWanted, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            return new(null, null, null, $"\"{link}\" is not an http or https link");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, address);
                if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (response.StatusCode == HttpStatusCode.NotModified && (etag ?? lastModified) is not null)
                    return new(address, null, null, null, NotModified: true, etag, lastModified);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next)
                {
                    if (hop >= options.MaxRedirects) return new(address, null, null, $"{link} redirects more than {options.MaxRedirects} times");
                    address = new Uri(address, next);
                    if (address.Scheme is not ("http" or "https")) return new(address, null, null, $"{link} redirects to {address.Scheme}:, not http or https");
                    continue;
                }
                if (!response.IsSuccessStatusCode) return new(address, null, null, $"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                var type = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
                if (type is null || !kinds.Contains(type)) return new(address, null, null, $"{address} is {type ?? "of no stated type"}, {kindsWanted}");
                if (response.Content.Headers.ContentLength > options.MaxBytes) return new(address, null, null, $"{address} is over the {options.MaxBytes / 1_000_000.0:0.#} MB limit (Sources:MaxBytes)");
                var body = await ReadAtMostAsync(await response.Content.ReadAsStreamAsync(deadline.Token), deadline.Token);
                return body is null ? new(address, null, null, $"{address} is over the {options.MaxBytes / 1_000_000.0:0.#} MB limit (Sources:MaxBytes)")
                    : new(address, body, type, null, false, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            }
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedException refused)
        {
            return new(address, null, null, $"{address} is refused: {refused.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(address, null, null, e is OperationCanceledException ? $"{address} did not answer within {options.TimeoutSeconds} s" : $"{address} could not be fetched ({e.Message.TrimEnd('.')})");
        }
    }

    async Task<byte[]?> ReadAtMostAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public void Dispose() => http.Dispose();
}
