using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalksBot.Index;
using TalksBot.Ingest;

namespace TalksBot.Admin;

/// <summary>
/// A source opened in the console: its text as indexed (chunks and their sentences, furniture already
/// removed) and its metadata, which an operator corrects: saved to the metadata file (sources.json, or
/// the shared library's) and reindexed, so the next answer cites it as corrected.
/// </summary>
public static partial class AdminEndpoints
{
    const int MaxMetadataChars = 500;

    static void MapSourceView(RouteGroupBuilder api)
    {
        api.MapGet("/sources/{name}", async (string name, KnowledgeBase knowledge, CancellationToken cancellationToken) =>
        {
            var index = await knowledge.GetAsync(cancellationToken);
            if (!index.Sources.TryGetValue(name, out var info)) return Error($"There is no source \"{name}\".", 404);
            var chunks = index.Chunks.Select(c => c.Chunk).Where(c => c.Source == name).OrderBy(c => c.Index)
                .Select(c => new { c.Index, sentences = c.SentenceTexts() });
            return Results.Json(new { file = name, info, chunks });
        });
        api.MapPut("/sources/{name}/metadata", async (string name, HttpRequest request, KnowledgeBase knowledge, ISeedLibrary library, ReindexRunner reindexer) =>
        {
            var index = await knowledge.GetAsync(request.HttpContext.RequestAborted);
            if (!index.Sources.ContainsKey(name)) return Error($"There is no source \"{name}\".", 404);
            var (entry, problem) = await MetadataOfAsync(request);
            if (entry is null) return Error(problem!);
            if (!await library.SetMetadataAsync(name, entry, request.HttpContext.RequestAborted))
                return Error("The metadata file does not parse, so it was not overwritten; mend it by hand first.", 409);
            return Results.Json(new { file = name, run = await ReindexAfterChangeAsync(reindexer) });
        });
    }

    /// <summary>The fields given (title, outlet, author, date, url), each checked; a field left out or empty stays as it is.</summary>
    static async Task<(SourceOverride? Entry, string? Problem)> MetadataOfAsync(HttpRequest request)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        if (body is null) return (null, "Send JSON with any of \"title\", \"outlet\", \"author\", \"date\", \"url\".");
        string? Field(string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;
        var (title, outlet, author, date, url) = (Field("title"), Field("outlet"), Field("author"), Field("date"), Field("url"));
        if (new[] { title, outlet, author, date, url }.Any(f => f?.Length > MaxMetadataChars)) return (null, $"Each field holds at most {MaxMetadataChars} characters.");
        if (date is not null && !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return (null, $"\"{date}\" is not a date (2026-03-01, or 2026-03-01T10:00:00Z).");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return (null, "The link must be an http or https address.");
        if (new[] { title, outlet, author, date, url }.All(f => f is null)) return (null, "Nothing to change: give at least one field.");
        return (new SourceOverride(title, outlet, author, date, url, null), null);
    }
}
