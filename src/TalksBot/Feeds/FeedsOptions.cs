namespace TalksBot.Feeds;

/// <summary>Following RSS, Atom and JSON feeds (section "Feeds").</summary>
public sealed class FeedsOptions
{
    /// <summary>How often each feed is polled.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Polls failed in a row before /healthz names the feed as degraded.</summary>
    public int FailuresBeforeDegraded { get; set; } = 3;

    /// <summary>New or edited items taken in per poll; the rest wait for the next one (a first poll of a long feed stays short).</summary>
    public int MaxItemsPerPoll { get; set; } = 100;
}
