namespace TalksBot.Ingest;

/// <summary>An entry of the optional metadata file: any field set here wins over what the text says.</summary>
public sealed record SourceOverride(string? Title, string? Outlet, string? Author, string? Date, string? Url, string? Language)
{
    public SourceInfo ApplyTo(SourceInfo info) => new(
        Title ?? info.Title, Language ?? info.Language, Outlet ?? info.Outlet,
        Author ?? info.Author, Date ?? info.Date, Url ?? info.Url);

    /// <summary>This entry's fields where it has them, the other's elsewhere.</summary>
    public SourceOverride ApplyTo(SourceOverride other) => new(
        Title ?? other.Title, Outlet ?? other.Outlet, Author ?? other.Author, Date ?? other.Date, Url ?? other.Url, Language ?? other.Language);
}
