using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalksBot.Ingest;

/// <summary>
/// The seeds folder. A file that cannot be used (too large, binary, not UTF-8, empty,
/// unreadable) comes back with the reason instead of its text, so one bad file never stops the rest.
/// </summary>
public sealed class SeedReader(IOptions<SeedsOptions> options) : ISeedLibrary
{
    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public string Folder => Path.GetFullPath(options.Value.Path);

    public string Location => Folder;

    public Task<SeedSet> ReadAsync(IReadOnlyDictionary<string, SeedStamp>? stamps = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(stamps ?? new Dictionary<string, SeedStamp>()));

    SeedSet Read(IReadOnlyDictionary<string, SeedStamp> stamps)
    {
        if (!Directory.Exists(Folder)) return new(null, null, [], "");
        var metadata = ReadMetadata();
        var (overrides, metadataProblem) = Overrides(metadata, options.Value.MetadataFile);
        var unreadable = new List<string>();
        var files = Walk(unreadable)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Where(IsSource)
            .Order(StringComparer.Ordinal)
            .AsParallel().AsOrdered() // read, checked and hashed on every core: a restart reads the whole folder
            .Select(name => ReadFile(name, overrides.GetValueOrDefault(name), stamps.GetValueOrDefault(name)))
            .ToList();
        return new(files, metadataProblem, unreadable, Hash(metadata));
    }

    /// <summary>The folder's texts and metadata file as bytes, for a library elsewhere to take in; what cannot be read is left out.</summary>
    public IEnumerable<(string Name, byte[] Bytes)> Contents()
    {
        if (!Directory.Exists(Folder)) yield break;
        foreach (var name in Walk([]).Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Where(n => IsSource(n) || n == options.Value.MetadataFile))
        {
            var path = Path.Combine(Folder, name);
            byte[]? bytes = null;
            try
            {
                var size = new FileInfo(path).Length;
                if (size > 0 && size <= options.Value.MaxFileBytes) bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (bytes is not null) yield return (name, bytes);
        }
    }


    public Task SaveAsync(string name, byte[] bytes, CancellationToken cancellationToken = default) =>
        File.WriteAllBytesAsync(Path.Combine(Folder, name), bytes, cancellationToken);

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>The texts a library indexes: .txt and .md files.</summary>
    public static bool IsSource(string name) =>
        name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

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

    SeedFile ReadFile(string name, SourceOverride? sourceOverride, SeedStamp? stamp)
    {
        var path = Path.Combine(Folder, name);
        try
        {
            var info = new FileInfo(path);
            var (size, modified) = (info.Length, info.LastWriteTimeUtc.Ticks);
            // A pipe or a device has no length, and reading one would wait for ever: it is as good as empty.
            if (size == 0) return new(name, "", null, "is empty", sourceOverride);
            if (size > options.Value.MaxFileBytes) return TooLarge(name, size, options.Value.MaxFileBytes, sourceOverride);
            if (stamp?.Matches(size, modified) == true) return new(name, stamp.Hash, null, null, sourceOverride, size, modified);
            return FromBytes(name, File.ReadAllBytes(path), sourceOverride) with { Size = size, Modified = modified };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(name, "", null, $"cannot be read: {e.Message.TrimEnd('.')}", sourceOverride);
        }
    }

    /// <summary>A text as any library holds it: its hash, and its text or why it cannot be used.</summary>
    public static SeedFile FromBytes(string name, byte[] bytes, SourceOverride? sourceOverride)
    {
        if (bytes.Length == 0) return new(name, "", null, "is empty", sourceOverride);
        var (text, problem) = SeedValidation.Read(bytes);
        return new(name, Hash(bytes), text, problem, sourceOverride);
    }

    public static SeedFile TooLarge(string name, long size, long limit, SourceOverride? sourceOverride) =>
        new(name, "", null, $"is {size / 1_000_000.0:0.#} MB, over the {limit / 1_000_000.0:0.#} MB limit (Seeds:MaxFileBytes)", sourceOverride);

    byte[]? ReadMetadata()
    {
        var path = Path.Combine(Folder, options.Value.MetadataFile);
        try { return File.Exists(path) ? File.ReadAllBytes(path) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>The metadata file's overrides by source name; a file that does not parse is named and ignored.</summary>
    public static (Dictionary<string, SourceOverride> Overrides, string? Problem) Overrides(byte[]? metadata, string fileName)
    {
        if (metadata is null) return ([], null);
        try
        {
            return (JsonSerializer.Deserialize<Dictionary<string, SourceOverride>>(metadata, Json) ?? [], null);
        }
        catch (JsonException e)
        {
            return ([], $"{fileName} is ignored: {e.Message}");
        }
    }

    public static string Hash(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(SHA256.HashData(bytes));
}
