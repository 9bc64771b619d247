namespace TalksBot.Feeds;

/// <summary>A followed feed: where it is, how its last polls went, and the items of its last document.</summary>
public sealed class FeedRecord
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public DateTime AddedAt { get; set; }
    public DateTime? LastPollAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Polls failed in a row; from Feeds:FailuresBeforeDegraded on, /healthz names the feed.</summary>
    public int Failures { get; set; }

    /// <summary>What the server said to send back (If-None-Match, If-Modified-Since): an unchanged feed is a 304, not a download.</summary>
    public string? ETag { get; set; }
    public string? LastModified { get; set; }

    /// <summary>The process that polled it last (with replicas, the one holding the feeds lock).</summary>
    public string? PolledBy { get; set; }

    /// <summary>Every item the feed listed when last read; an item that drops out of the feed is forgotten (its source stays).</summary>
    public List<FeedItemState> Items { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int ItemsIndexed => Items.Count(i => i.Source is not null);
}

/// <summary>An item and what became of it: indexed as a source, the same article as one already indexed, or failed (retried later).</summary>
public sealed class FeedItemState
{
    public string Id { get; set; } = "";
    public string Link { get; set; } = "";
    public string? Title { get; set; }
    public string? Published { get; set; }

    /// <summary>Of the item as the feed last listed it; an edit changes it, and the item is read again.</summary>
    public string Version { get; set; } = "";

    /// <summary>This version has been taken in (indexed, or found to be a copy); false while it waits or failed.</summary>
    public bool Done { get; set; }
    public string? Source { get; set; }
    public string? SameAs { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public DateTime? RetryAt { get; set; }
}
