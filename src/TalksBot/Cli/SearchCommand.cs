using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Search;

namespace TalksBot.Cli;

/// <summary>`search "query" [--json] [-k N]`: the ranked passages with their scores per signal.</summary>
public static class SearchCommand
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to search for." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var top = new Option<int?>("-k", "--top") { Description = "How many passages (default Search:TopK)." };
        var command = new Command("search", "Show the passages retrieved for a query, with their scores per signal.") { query, json, top };
        command.SetAction((result, cancellationToken) => ServedVerbs.RunAsync("search",
            new JsonObject { ["query"] = result.GetValue(query) ?? "", ["json"] = result.GetValue(json), ["top"] = result.GetValue(top) }, IndexCommand.FirstBuildProgress(), cancellationToken));
        return command;
    }

    public static async Task<VerbOutput> RunAsync(IServiceProvider services, JsonObject args, IProgress<Index.IndexProgress>? progress, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<Index.KnowledgeBase>().GetAsync(progress, cancellationToken);
        var found = await services.GetRequiredService<Searcher>().SearchAsync(args["query"]?.GetValue<string>() ?? "", args["top"]?.GetValue<int>(), cancellationToken);
        if (found.Error is not null) return new(2, "", found.Error + "\n");
        return new(0, args["json"]?.GetValue<bool>() == true ? JsonSerializer.Serialize(ToJson(found), Json) + "\n" : Render(found));
    }

    static object ToJson(SearchResult found) => new
    {
        query = found.Query,
        language = found.Language,
        passages = found.Hits.Select((h, i) => new
        {
            rank = i + 1,
            source = h.Passage.Chunk.Source,
            title = h.Source.Title,
            chunk = h.Passage.Chunk.Index,
            start = h.Passage.Chunk.Start,
            end = h.Passage.Chunk.End,
            score = h.Score,
            signals = h.Signals.ToDictionary(s => s.Signal, s => new { rank = s.Rank, score = s.Score }),
            text = h.Passage.Chunk.Text,
        }),
    };

    static string Render(SearchResult found)
    {
        var text = new StringBuilder();
        if (found.Hits.Count == 0) text.AppendLine("No passage matches.");
        foreach (var (hit, i) in found.Hits.Select((h, i) => (h, i)))
        {
            var signals = string.Join("  ", hit.Signals.Select(s => $"{s.Signal} #{s.Rank} {s.Score:0.###}"));
            text.AppendLine($"{i + 1}. {hit.Passage.Chunk.Source} chunk {hit.Passage.Chunk.Index} — {hit.Source.Title}{(hit.Source.Outlet is null ? "" : " (" + hit.Source.Outlet + ")")}");
            text.AppendLine($"   fused {hit.Score:0.0000}  {signals}");
            text.AppendLine("   " + hit.Passage.Chunk.Text.Replace("\n", "\n   "));
            text.AppendLine();
        }
        return text.ToString();
    }
}
