namespace TalksBot.Ingest;

/// <summary>
/// One file of the seeds folder as read: its text, or the reason it could not be used.
/// <see cref="Name"/> (the path under the seeds folder) is the source's identity.
/// </summary>
/// <param name="Size">With <paramref name="Modified"/> (ticks, UTC), what the file looked like on disk; 0 where a library has no files.</param>
public sealed record SeedFile(string Name, string Hash, string? Text, string? Problem, SourceOverride? Override, long Size = 0, long Modified = 0)
{
    public bool Usable => Problem is null;

    /// <summary>Left unread, as its size and modification time were those it was indexed with: it has the hash, not the text.</summary>
    public bool Unread => Usable && Text is null;
}

/// <summary>What an indexed file looked like on disk (no size: not stamped), with the hash of its bytes then.</summary>
public sealed record SeedStamp(long Size, long Modified, string Hash)
{
    /// <summary>
    /// A file written this close before it was read could change again within its clock's resolution
    /// without its size or time showing it (git's "racy" entries): it gets no stamp, and is read every time.
    /// </summary>
    static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    /// <summary>By the file system's clock, not the app's (which tests set).</summary>
    public static bool Settled(long modified) => modified > 0 && DateTime.UtcNow - new DateTime(modified, DateTimeKind.Utc) > Margin;

    public bool Matches(long size, long modified) => Size > 0 && size == Size && modified == Modified;
}
