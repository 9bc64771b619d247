namespace TalksBot.Ingest;

/// <summary>
/// Where the source texts are kept: the seeds folder on one machine, or the shared store, so that a
/// text uploaded on one replica is indexed by whichever replica reindexes.
/// </summary>
public interface ISeedLibrary
{
    /// <summary>Where the texts are, for people.</summary>
    string Location { get; }

    /// <summary>Every text, in name order, with the metadata file's overrides applied; Files is null when there is no library at all.</summary>
    /// <param name="stamps">
    /// What the indexed files looked like: a file whose size and modification time are still those is not
    /// read again (<see cref="SeedFile.Unread"/>). A library without files on disk reads everything.
    /// </param>
    Task<SeedSet> ReadAsync(IReadOnlyDictionary<string, SeedStamp>? stamps = null, CancellationToken cancellationToken = default);


    Task SaveAsync(string name, byte[] bytes, CancellationToken cancellationToken = default);

    /// <summary>False when there was no such text.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);
}

/// <param name="UnreadableFolders">Subfolders that could not be listed (such as a root-owned lost+found), named with a trailing "/".</param>
/// <param name="MetadataHash">Of the metadata file, so that editing it re-reads the sources.</param>
public sealed record SeedSet(List<SeedFile>? Files, string? MetadataProblem, List<string> UnreadableFolders, string MetadataHash);
