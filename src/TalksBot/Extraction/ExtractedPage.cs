namespace TalksBot.Extraction;

/// <summary>A web page's article: its text, one paragraph a line, and what the page says about it.</summary>
/// <param name="Published">As the page gives it (ISO 8601 where it uses that), or null.</param>
/// <param name="Url">The page's canonical address where it names one, else where it was read from.</param>
public sealed record ExtractedPage(string ArticleBody, string? Title, string? Author, string? Published, string? Language, string? Url, string? Outlet);
