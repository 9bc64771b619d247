using System.Security.Cryptography;
using System.Text;

namespace TalksBot.Sources;

/// <summary>
/// One name for one article, however it was linked: tracking parameters (utm_*, fbclid…), fragments and the
/// AMP and mobile variants of a page are taken off its address, and the file name is made from what is left.
/// </summary>
public static class LinkNames
{
    static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_"];
    static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase) { "fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "_ga", "ocid", "cmpid", "smid", "amp", "outputtype" };

    public static Uri Canonical(Uri address)
    {
        var host = address.Host.ToLowerInvariant();
        if (host.StartsWith("amp.", StringComparison.Ordinal) || host.StartsWith("m.", StringComparison.Ordinal)) host = host[(host.IndexOf('.') + 1)..];
        var path = address.AbsolutePath;
        foreach (var amp in new[] { "/amp/", "/amp" })
            if (path.EndsWith(amp, StringComparison.OrdinalIgnoreCase)) { path = path[..^amp.Length]; break; }
        if (path.Length == 0) path = "/";
        var query = address.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Split('=')[0] is var name && !TrackingNames.Contains(name) && !TrackingPrefixes.Any(t => name.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
        var builder = new UriBuilder(address) { Host = host, Path = path, Query = string.Join('&', query), Fragment = "" };
        if (builder.Uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri;
    }

    /// <summary>"web-gazette-example-3f2a9c1b7d4e.html": flat, stable for the address, and readable enough to tell where it came from.</summary>
    public static string FileName(Uri canonical, string kind)
    {
        var host = new string([.. canonical.Host.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        if (host.Length > 60) host = host[..60];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.AbsoluteUri)))[..12];
        return $"web-{host}-{hash}{kind}";
    }
}
