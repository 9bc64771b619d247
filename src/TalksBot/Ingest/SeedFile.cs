namespace TalksBot.Ingest;

/// <summary>
/// One file of the seeds folder as read: its text, or the reason it could not be used.
/// <see cref="Name"/> (the path under the seeds folder) is the source's identity.
/// </summary>
public sealed record SeedFile(string Name, string Hash, string? Text, string? Problem, SourceOverride? Override)
{
    public bool Usable => Problem is null;
}
