using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalksBot.Ingest;

/// <summary>
/// Reads the seeds folder. A file that cannot be used (too large, binary, not UTF-8, empty,
/// unreadable) comes back with the reason instead of its text, so one bad file never stops the rest.
/// </summary>
public sealed class SeedReader(IOptions<SeedsOptions> options)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public string Folder => Path.GetFullPath(options.Value.Path);

    /// <summary>
    /// The files, in name order (null when the folder does not exist), and the subfolders that could
    /// not be listed (such as a root-owned lost+found), named with a trailing "/".
    /// </summary>
    public (List<SeedFile>? Files, string? MetadataProblem, List<string> UnreadableFolders) Read()
    {
        if (!Directory.Exists(Folder)) return (null, null, []);
        var (overrides, metadataProblem) = ReadOverrides();
        var unreadable = new List<string>();
        var files = Walk(unreadable)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(name => ReadFile(name, overrides.GetValueOrDefault(name)))
            .ToList();
        return (files, metadataProblem, unreadable);
    }

    /// <summary>Every file under the folder; a subfolder that cannot be listed is named in <paramref name="unreadable"/> and passed over.</summary>
    List<string> Walk(List<string> unreadable)
    {
        var files = new List<string>();
        var folders = new Stack<string>([Folder]);
        while (folders.TryPop(out var folder))
        {
            try
            {
                files.AddRange(Directory.GetFiles(folder));
                foreach (var sub in Directory.GetDirectories(folder)) folders.Push(sub);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(Path.GetRelativePath(Folder, folder).Replace('\\', '/') + "/");
            }
        }
        return files;
    }

    SeedFile ReadFile(string name, SourceOverride? sourceOverride)
    {
        var path = Path.Combine(Folder, name);
        byte[] bytes;
        try
        {
            var size = new FileInfo(path).Length;
            // A pipe or a device has no length, and reading one would wait for ever: it is as good as empty.
            if (size == 0) return new(name, "", null, "is empty", sourceOverride);
            if (size > options.Value.MaxFileBytes)
                return new(name, "", null, $"is {size / 1_000_000.0:0.#} MB, over the {options.Value.MaxFileBytes / 1_000_000.0:0.#} MB limit (Seeds:MaxFileBytes)", sourceOverride);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(name, "", null, $"cannot be read: {e.Message.TrimEnd('.')}", sourceOverride);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (text, problem) = SeedValidation.Read(bytes);
        return new(name, hash, text, problem, sourceOverride);
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
