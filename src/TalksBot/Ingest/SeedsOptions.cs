namespace TalksBot.Ingest;

public sealed class SeedsOptions
{
    /// <summary>Folder of the source texts (.txt, .md), relative to the working directory.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Larger files are refused with a message; news articles are tens of kilobytes.</summary>
    public long MaxFileBytes { get; set; } = 2_000_000;

    /// <summary>Reindex on its own when files in the folder change (while `serve` runs).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet time after the last change before the reindex starts, so a copy of many files is one reindex.</summary>
    public int WatchDebounceMilliseconds { get; set; } = 1500;

    /// <summary>Optional JSON file in the seeds folder: { "file.txt": { "title", "outlet", "author", "date", "url", "language" } }.</summary>
    public string MetadataFile { get; set; } = "sources.json";
}
