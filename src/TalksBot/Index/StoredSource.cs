using TalksBot.Ingest;

namespace TalksBot.Index;

/// <summary>A source as the store keeps it; <see cref="Id"/> is its file name under the seeds folder.</summary>
public sealed class StoredSource
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Language { get; set; } = "";
    public string? Outlet { get; set; }
    public string? Author { get; set; }
    public string? Date { get; set; }
    public string? Url { get; set; }
    public string Hash { get; set; } = "";
    public int Chunks { get; set; }
    public int Sentences { get; set; }
    public int RemovedLines { get; set; }
    public DateTime IndexedAt { get; set; }

    /// <summary>The file's size and modification time (ticks, UTC) when it was indexed: <see cref="SeedStamp"/>.</summary>
    public long Size { get; set; }
    public long Modified { get; set; }

    /// <summary>A copy with a new stamp: the store may keep the list it handed out, which is not to change under it.</summary>
    public StoredSource Stamped(long size, long modified)
    {
        var copy = (StoredSource)MemberwiseClone();
        (copy.Size, copy.Modified) = (size, modified);
        return copy;
    }

    public SourceInfo ToInfo() => new(Title, Language, Outlet, Author, Date, Url);
}
