using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace TalksBot.Cli;

/// <summary>Serve:Urls (default http://127.0.0.1:8080), with Kestrel's wildcard hosts (+, *) read as 0.0.0.0.</summary>
public static class ServeUrls
{
    public const string Default = "http://127.0.0.1:8080";

    /// <summary>Each URL as written and parsed; Uri is null for one that is not a URL.</summary>
    public static IEnumerable<(string Text, Uri? Uri)> Parse(string? urls) =>
        (urls ?? Default).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
            (text, Uri.TryCreate(text.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri) ? uri : null));

    public static bool AllLoopback(string? urls) => Parse(urls).All(u => u.Uri is { } uri && (uri.IsLoopback || uri.Host == "localhost"));

    /// <summary>Fails as the server would, with its words, when another program listens on a port of <paramref name="urls"/>.</summary>
    public static void ThrowIfTaken(string? urls)
    {
        foreach (var (text, uri) in Parse(urls))
        {
            if (uri is not { Port: > 0 }) continue;
            var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
            if (address is null) continue; // a host name: the server resolves it
            var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new IOException($"Failed to bind to address {text}: address already in use.", new AddressInUseException(e.Message, e));
            }
            catch (SocketException) { } // not ours to judge (no such address here): the server says so itself
            finally
            {
                probe.Stop();
            }
        }
    }

    /// <summary>Where a process on this machine reaches the server: a wildcard host becomes 127.0.0.1.</summary>
    public static string Local(string? urls)
    {
        var first = Parse(urls).First();
        return first.Uri is { Host: "0.0.0.0" } uri ? $"{uri.Scheme}://127.0.0.1:{uri.Port}" : first.Text.TrimEnd('/');
    }
}
