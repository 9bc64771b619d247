namespace TalksBot.Index;

/// <summary>One reindex: when, how long, what changed, and which files could not be used.</summary>
public sealed class IndexRun
{
    public int Id { get; set; }
    public DateTime StartedAt { get; set; }
    public double ElapsedMs { get; set; }
    public bool Full { get; set; }
    public string Outcome { get; set; } = "completed";
    public string? Error { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Of the unchanged, those taken in again all the same (a full run, or settings that shape chunks changed).</summary>
    public int Reread { get; set; }
    public int Sources { get; set; }
    public int Chunks { get; set; }
    public List<string> Problems { get; set; } = [];

    public bool Succeeded => Outcome == "completed";
}
