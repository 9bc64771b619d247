using System.Text.Json;
using System.Text.Json.Serialization;
using TalksBot.Search;

namespace TalksBot.Bench;

/// <summary>A question of shared/eval/dev.jsonl: the facts an answer must hold and the sources that hold them.</summary>
public sealed record DevQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answerable")] bool Answerable,
    [property: JsonPropertyName("must")] List<List<string>> Must,
    [property: JsonPropertyName("gold")] List<string> Gold);

/// <summary>Retrieval measured as shared/eval/score.py measures it.</summary>
public static class DevSet
{
    public static List<DevQuestion> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<DevQuestion>(l)!)];

    /// <summary>The dev set beside the repository: ../shared/eval/dev.jsonl from the repository root.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "eval", "dev.jsonl");
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")) && File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>A gold source among the first five passages.</summary>
    public static bool Recalls(DevQuestion q, IReadOnlyList<string> sources) =>
        sources.Take(5).Any(s => q.Gold.Any(g => s.Contains(g, StringComparison.Ordinal)));

    /// <summary>Every required fact somewhere in the text of the first five passages.</summary>
    public static bool HasEvidence(DevQuestion q, IReadOnlyList<string> texts)
    {
        var text = string.Join(" ", texts.Take(5)).Replace('’', '\'').ToLowerInvariant();
        return q.Must.All(group => group.Any(s => text.Contains(s.ToLowerInvariant(), StringComparison.Ordinal)));
    }

    public static async Task<(int Recalled, int Evidenced, int Answerable, List<string> Misses)> MeasureAsync(
        IEnumerable<DevQuestion> questions, Func<string, Task<SearchResult>> search)
    {
        int recalled = 0, evidenced = 0, answerable = 0;
        var misses = new List<string>();
        foreach (var q in questions.Where(q => q.Answerable))
        {
            answerable++;
            var hits = (await search(q.Question)).Hits;
            if (Recalls(q, [.. hits.Select(h => h.Passage.Chunk.Source)])) recalled++;
            else misses.Add($"{q.Id} (recall)");
            if (HasEvidence(q, [.. hits.Select(h => h.Passage.Chunk.Text)])) evidenced++;
            else misses.Add($"{q.Id} (evidence)");
        }
        return (recalled, evidenced, answerable, misses);
    }
}
