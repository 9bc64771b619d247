namespace TalksBot.Sources;

/// <summary>Fetching sources by link (section "Sources").</summary>
public sealed class SourcesOptions
{
    /// <summary>Fetch from private, loopback and link-local addresses too (off: a link must not reach into this machine's network).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The most a page may be, after decompression (a gzip bomb stops here).</summary>
    public long MaxBytes { get; set; } = 5_000_000;

    public int TimeoutSeconds { get; set; } = 20;

    public int MaxRedirects { get; set; } = 5;
}
