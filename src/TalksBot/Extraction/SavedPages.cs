using System.IO.Compression;

namespace TalksBot.Extraction;

/// <summary>Web pages saved as files (.html, .htm, .html.gz): one, or a folder of them, each with its name without the extension.</summary>
public static class SavedPages
{
    static readonly string[] Endings = [".html.gz", ".html", ".htm"];

    /// <returns>The pages in name order; null when <paramref name="path"/> is neither a file nor a folder.</returns>
    public static List<string>? Find(string path) =>
        Directory.Exists(path) ? [.. Directory.EnumerateFiles(path).Where(f => Key(f) is not null).Order(StringComparer.Ordinal)]
        : File.Exists(path) ? [path] : null;

    public static string? Key(string file)
    {
        var name = Path.GetFileName(file);
        var ending = Endings.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return ending is null ? null : name[..^ending.Length];
    }

    /// <summary>The page's text, gzip undone; the encoding from a byte-order mark, else UTF-8.</summary>
    public static async Task<string> ReadAsync(string file, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(file);
        await using var content = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(content, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
