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
        if (!Directory.Exists(Folder)) return new(null, null, [], "", []);
        var metadata = ReadMetadata();
        var (overrides, metadataProblem) = Overrides(metadata, options.Value.MetadataFile);
        var walk = SeedWalk.Of(Folder, options.Value);
        var names = Names(walk).ToList();
        var files = names.Where(IsSource)
            .AsParallel().AsOrdered() // read, checked and hashed on every core: a restart reads the whole folder
            .Select(name => ReadFile(name, overrides.GetValueOrDefault(name), stamps.GetValueOrDefault(name)))
            .ToList();
        var otherKinds = names.Where(n => !IsSource(n) && n != options.Value.MetadataFile && !Path.GetFileName(n).StartsWith('.'))
            .Select(n => $"{n} is not read: sources are {string.Join(", ", Documents.DocumentText.Kinds)} files.");
        return new(files, metadataProblem, walk.UnreadableFolders, Hash(metadata), [.. walk.PassedOver, .. otherKinds]);
    }

    IEnumerable<string> Names(SeedWalk walk) =>
        walk.Files.Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    /// <summary>The folder's texts and metadata file as bytes, for a library elsewhere to take in; what cannot be read is left out.</summary>
    public IEnumerable<(string Name, byte[] Bytes)> Contents()
    {
        if (!Directory.Exists(Folder)) yield break;
        foreach (var name in Names(SeedWalk.Of(Folder, options.Value)).Where(n => IsSource(n) || n == options.Value.MetadataFile))
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


    /// <remarks>
    /// Written beside and renamed into place, so a reindex or a crash never sees half a file; a link is never written
    /// through (it could lead anywhere on the machine, or create the file a dangling one names).
    /// </remarks>
    public async Task<SaveOutcome> SaveAsync(string name, byte[] bytes, bool replace, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, name);
        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null || Directory.Exists(path)) return SaveOutcome.NotAFile;
        if (existing.Exists && !replace) return SaveOutcome.Exists;
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.part"); // hidden and not a source: the walk passes it over
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return existing.Exists ? SaveOutcome.Replaced : SaveOutcome.Saved;
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    readonly SemaphoreSlim metadataWrites = new(1, 1);

    public async Task<bool> SetMetadataAsync(string name, SourceOverride entry, CancellationToken cancellationToken = default)
    {
        await metadataWrites.WaitAsync(cancellationToken);
        try
        {
            var path = Path.Combine(Folder, options.Value.MetadataFile);
            var current = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
            if (WithEntry(current, name, entry) is not { } updated) return false;
            return await SaveAsync(options.Value.MetadataFile, updated, replace: true, cancellationToken) != SaveOutcome.NotAFile;
        }
        finally
        {
            metadataWrites.Release();
        }
    }

    static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The metadata file with <paramref name="name"/>'s entry set (given fields win), or null when it does not parse.</summary>
    public static byte[]? WithEntry(byte[]? metadata, string name, SourceOverride entry)
    {
        var (overrides, problem) = Overrides(metadata is { Length: > 0 } ? metadata : null, "");
        if (problem is not null) return null;
        overrides[name] = overrides.TryGetValue(name, out var known) ? entry.ApplyTo(known) : entry;
        return JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, SourceOverride>(overrides, StringComparer.Ordinal), Written);
    }

    /// <summary>The files a library indexes: text, Markdown, web pages, PDF and Word files.</summary>
    public static bool IsSource(string name) => Documents.DocumentText.IsSource(name);

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
        var (text, found, problem) = Documents.DocumentText.Read(name, bytes);
        return new(name, Hash(bytes), text, problem, Merged(sourceOverride, found));
    }

    /// <summary>The metadata file's fields first, then what the file says of itself.</summary>
    static SourceOverride? Merged(SourceOverride? given, SourceOverride? found) => (given, found) switch
    {
        (null, _) => found,
        (_, null) => given,
        _ => new(given.Title ?? found.Title, given.Outlet ?? found.Outlet, given.Author ?? found.Author, given.Date ?? found.Date, given.Url ?? found.Url, given.Language ?? found.Language),
    };

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
