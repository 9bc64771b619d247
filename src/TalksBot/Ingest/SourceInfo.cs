namespace TalksBot.Ingest;

/// <summary>What is known about a source besides its text. The file name is its identity.</summary>
public sealed record SourceInfo(
    string Title,
    string Language,
    string? Outlet = null,
    string? Author = null,
    string? Date = null,
    string? Url = null);
