using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalksBot.Ingest;

/// <summary>
/// Reads the seeds folder. A file that cannot be used (too large, binary, not UTF-8, empty,
/// unreadable) comes back with the reason instead of its text, so one bad file never stops the rest.
/// </summary>
public sealed class SeedReader(IOptions<SeedsOptions> options)
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public string Folder => Path.GetFullPath(options.Value.Path);

    /// <summary>The files, in name order; null when the folder does not exist.</summary>
    public (List<SeedFile>? Files, string? MetadataProblem) Read()
    {
        if (!Directory.Exists(Folder)) return (null, null);
        var (overrides, metadataProblem) = ReadOverrides();
        var files = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(name => ReadFile(name, overrides.GetValueOrDefault(name)))
            .ToList();
        return (files, metadataProblem);
    }

    SeedFile ReadFile(string name, SourceOverride? sourceOverride)
    {
        var path = Path.Combine(Folder, name);
        byte[] bytes;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > options.Value.MaxFileBytes)
                return new(name, "", null, $"is {size / 1_000_000.0:0.#} MB, over the {options.Value.MaxFileBytes / 1_000_000.0:0.#} MB limit (Seeds:MaxFileBytes)", sourceOverride);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(name, "", null, $"cannot be read: {e.Message}", sourceOverride);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (LooksBinary(bytes)) return new(name, hash, null, "looks like a binary file, not text", sourceOverride);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return new(name, hash, null, $"is not valid UTF-8 (at byte {e.Index}); save it as UTF-8", sourceOverride);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (string.IsNullOrWhiteSpace(text)) return new(name, hash, null, "is empty", sourceOverride);
        return new(name, hash, text, null, sourceOverride);
    }

    /// <summary>NUL bytes, or many control characters, in the first 8 KB: what `file` and git call binary.</summary>
    static bool LooksBinary(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.Contains((byte)0)) return true;
        var control = 0;
        foreach (var b in head) if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) control++;
        return control * 10 > head.Length;
    }

    (Dictionary<string, SourceOverride> Overrides, string? Problem) ReadOverrides()
    {
        var path = Path.Combine(Folder, options.Value.MetadataFile);
        if (!File.Exists(path)) return ([], null);
        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, SourceOverride>>(File.ReadAllText(path), Json);
            return (parsed ?? [], null);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return ([], $"{options.Value.MetadataFile} is ignored: {e.Message}");
        }
    }

    /// <summary>Fingerprint of the metadata file, so that editing it re-reads the sources.</summary>
    public string MetadataHash()
    {
        var path = Path.Combine(Folder, options.Value.MetadataFile);
        return File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
    }
}
