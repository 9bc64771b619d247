using Microsoft.Extensions.DependencyInjection;
using TalksBot.Cli;
using TalksBot.Search;

namespace TalksBot.Bench;

/// <summary>`chunking`: retrieval recall@5 and evidence@5 on the dev questions for a grid of chunk sizes and overlaps.</summary>
public static class ChunkingBenchmark
{
    public static async Task RunAsync(string seeds, string devSet)
    {
        var questions = DevSet.Load(devSet);
        Console.WriteLine($"Chunking on {Path.GetFileName(devSet)} ({questions.Count(q => q.Answerable)} answerable questions), seeds {seeds}");
        Console.WriteLine($"{"target chars",12} {"overlap",8} {"chunks",7} {"recall@5",9} {"evidence@5",11}  misses");
        foreach (var target in new[] { 250, 400, 600, 800, 1200 })
            foreach (var overlap in new[] { 0, 1, 2 })
            {
                var db = Path.Combine(Path.GetTempPath(), $"talksbot-chunking-{Guid.NewGuid():N}.db");
                using (var host = CliHost.Build(new Dictionary<string, string?>
                {
                    ["Seeds:Path"] = seeds, ["Index:DatabasePath"] = db,
                    ["Index:ChunkTargetChars"] = target.ToString(), ["Index:ChunkOverlapSentences"] = overlap.ToString(),
                }))
                {
                    var searcher = host.Services.GetRequiredService<Searcher>();
                    var index = await host.Services.GetRequiredService<TalksBot.Index.KnowledgeBase>().GetAsync();
                    var (recalled, evidenced, answerable, misses) = await DevSet.MeasureAsync(questions, q => searcher.SearchAsync(q));
                    Console.WriteLine($"{target,12} {overlap,8} {index.Chunks.Count,7} {100.0 * recalled / answerable,8:0.0}% {100.0 * evidenced / answerable,10:0.0}%  {string.Join(", ", misses)}");
                }
                foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(db) + "*")) File.Delete(f);
            }
    }
}
