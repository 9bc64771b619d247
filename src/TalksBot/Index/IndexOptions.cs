namespace TalksBot.Index;

/// <summary>Where the index lives and how texts are cut into passages (section "Index").</summary>
public sealed class IndexOptions
{
    /// <summary>The LiteDB file, relative to the working directory; its folder is created.</summary>
    public string DatabasePath { get; set; } = "data/talksbot.db";

    /// <summary>A chunk grows by whole sentences up to about this many characters (measured: see README).</summary>
    public int ChunkTargetChars { get; set; } = 600;

    /// <summary>Sentences a chunk repeats from the end of the one before it.</summary>
    public int ChunkOverlapSentences { get; set; } = 0;
}
