namespace TalksBot.Ingest;

public sealed class SeedsOptions
{
    /// <summary>Folder of the source texts (.txt, .md), relative to the working directory.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Larger files are refused with a message; news articles are tens of kilobytes.</summary>
    public long MaxFileBytes { get; set; } = 2_000_000;

    /// <summary>Follow links that lead out of the folder (off: a link to / would publish every text on the machine).</summary>
    public bool FollowLinksOutside { get; set; }

    /// <summary>Folders nested deeper than this are passed over, and named.</summary>
    public int MaxDepth { get; set; } = 16;

    /// <summary>
    /// A reindex that would remove more than this share of the indexed sources (or all of them) keeps the index and
    /// says why, as an empty folder is more often an unmounted volume than a wish; `index --allow-removing-all` goes ahead.
    /// </summary>
    public double MaxRemovedShare { get; set; } = 0.5;

    /// <summary>Reindex on its own when files in the folder change (while `serve` runs).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet time after the last change before the reindex starts, so a copy of many files is one reindex.</summary>
    public int WatchDebounceMilliseconds { get; set; } = 1500;

    /// <summary>Optional JSON file in the seeds folder: { "file.txt": { "title", "outlet", "author", "date", "url", "language" } }.</summary>
    public string MetadataFile { get; set; } = "sources.json";
}
