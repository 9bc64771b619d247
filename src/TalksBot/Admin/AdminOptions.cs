namespace TalksBot.Admin;

/// <summary>The admin console (section "Admin"), served by `serve` at /admin.</summary>
public sealed class AdminOptions
{
    /// <summary>Sign-in token. None is built in: without one, `serve` makes a random token at start and prints a sign-in link, on loopback only.</summary>
    public string? Token { get; set; }

    /// <summary>A session lasts this long after sign-in.</summary>
    public int SessionMinutes { get; set; } = 120;

    /// <summary>Sign-in attempts allowed per address per minute, right or wrong, before sign-in answers 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>Largest source file an upload may carry.</summary>
    public long MaxUploadBytes { get; set; } = 2_000_000;
}
