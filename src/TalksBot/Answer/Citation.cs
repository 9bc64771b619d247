namespace TalksBot.Answer;

/// <summary>
/// What an [n] in an answer points at: a sentence quoted verbatim from a source, with its place
/// (chunk, and character offsets in the source file). <see cref="Highlight"/>, when set, marks the
/// words of the quote that answer (offsets in <see cref="Quote"/>): the date, the figure, the name.
/// <see cref="Url"/> and <see cref="Published"/> are the source's link and date, where it has them.
/// </summary>
public sealed record Citation(int N, string Source, string Title, string? Outlet, string Quote, int Chunk, int Start, int End, Ingest.TextSpan? Highlight = null,
    string? Url = null, string? Published = null)
{
    /// <summary>The link, when it is one a reader may follow (http or https; never javascript: or a file).</summary>
    public string? Link => Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    /// <summary>The date as a day ("2026-11-29") where it reads as a date, else as the source gives it.</summary>
    public string? Day => Published is null ? null
        : DateTimeOffset.TryParse(Published, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("yyyy-MM-dd") : Published.Trim();
}
