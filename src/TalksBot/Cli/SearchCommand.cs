using System.CommandLine;
using System.Text.Json;
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
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var found = await services.GetRequiredService<Searcher>().SearchAsync(result.GetValue(query) ?? "", result.GetValue(top), cancellationToken);
            if (found.Error is not null)
            {
                await Console.Error.WriteLineAsync(found.Error);
                return 2;
            }
            if (result.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(ToJson(found), Json));
            else PrintText(found);
            return 0;
        }));
        return command;
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

    static void PrintText(SearchResult found)
    {
        if (found.Hits.Count == 0) Console.WriteLine("No passage matches.");
        foreach (var (hit, i) in found.Hits.Select((h, i) => (h, i)))
        {
            var signals = string.Join("  ", hit.Signals.Select(s => $"{s.Signal} #{s.Rank} {s.Score:0.###}"));
            Console.WriteLine($"{i + 1}. {hit.Passage.Chunk.Source} chunk {hit.Passage.Chunk.Index} — {hit.Source.Title}{(hit.Source.Outlet is null ? "" : " (" + hit.Source.Outlet + ")")}");
            Console.WriteLine($"   fused {hit.Score:0.0000}  {signals}");
            Console.WriteLine("   " + hit.Passage.Chunk.Text.Replace("\n", "\n   "));
            Console.WriteLine();
        }
    }
}
