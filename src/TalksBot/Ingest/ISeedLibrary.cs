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

    /// <summary>Saves a text whole or not at all; one of that name is replaced only when <paramref name="replace"/> says so.</summary>
    Task<SaveOutcome> SaveAsync(string name, byte[] bytes, bool replace, CancellationToken cancellationToken = default);

    /// <summary>False when there was no such text.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a source's entry in the metadata file (the fields given; the others as they were), keeping every other
    /// entry. False, and nothing written, when the metadata file does not parse: a person's file is not overwritten.
    /// </summary>
    Task<bool> SetMetadataAsync(string name, SourceOverride entry, CancellationToken cancellationToken = default);
}

public enum SaveOutcome
{
    Saved,
    Replaced,
    /// <summary>There is a text of that name, and replacing it was not asked for: nothing changed.</summary>
    Exists,
    /// <summary>The name is taken by a link or a folder, which an upload does not write through: nothing changed.</summary>
    NotAFile,
}

/// <param name="UnreadableFolders">Subfolders that could not be listed (such as a root-owned lost+found), named with a trailing "/".</param>
/// <param name="MetadataHash">Of the metadata file, so that editing it re-reads the sources.</param>
/// <param name="PassedOver">Sentences naming what was found and not read (links out, loops, files of other kinds) and why.</param>
public sealed record SeedSet(List<SeedFile>? Files, string? MetadataProblem, List<string> UnreadableFolders, string MetadataHash, List<string> PassedOver);
