using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Index;

namespace TalksBot.Bench;

/// <summary>
/// `ask`: the offline answering service end to end (search, sentence scoring, composition, guard),
/// on the seeds with the dev questions and on a generated corpus: latency p50/p99, answers per
/// second with the process pinned to one core, and memory.
/// </summary>
public static class AskBenchmark
{
    /// <returns>Issue #15's targets, as this run met them.</returns>
    public static async Task<List<Target>> RunAsync(string seeds, string devSet, int articles, int queryCount, int seed)
    {
        var work = Directory.CreateTempSubdirectory("talksbot-ask-").FullName;
        var keep = new List<IDisposable>();
        try
        {
            Console.WriteLine($"TalksBot ask benchmark (extractive engine): {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {seed}");
            Console.WriteLine("| corpus | questions | p50 | p99 | answers/s on one core | process RSS |");
            Console.WriteLine("|---|---|---|---|---|---|");

            var questions = DevSet.Load(devSet).Select(q => q.Question).ToList();
            var onSeeds = await MeasureAsync("seeds (5 articles)", SearchBenchmark.Host(seeds, Path.Combine(work, "seeds.db"), keep), Enumerable.Repeat(questions, 25).SelectMany(q => q).ToList());

            var generator = new CorpusGenerator(seed);
            var folder = generator.WriteCorpus(Path.Combine(work, "corpus"), articles);
            // Warmed up on other questions than those measured: what a snapshot keeps of the questions asked does not help.
            var warmup = generator.Queries(folder, queryCount).Select(q => $"What did the report say about {q}?").ToList();
            var generated = generator.Queries(folder, queryCount).Select(q => $"What did the report say about {q}?").ToList();
            var onGenerated = await MeasureAsync($"generated ({articles:N0} articles)", SearchBenchmark.Host(folder, Path.Combine(work, "corpus.db"), keep), generated, warmup);

            List<Target> targets =
            [
                new("ask p50 at most 0.5 ms on the seeds", $"{onSeeds:0.00} ms", "none (the whole pipeline)", onSeeds <= 0.5),
                new($"ask p50 at most 1.5 ms at {articles:N0} articles", $"{onGenerated:0.00} ms", "none (the whole pipeline)", onGenerated <= 1.5),
            ];
            Target.Print("Targets (issue #15, this machine; the whole pipeline, no Lucene.Net counterpart):", targets);
            return targets;
        }
        finally
        {
            keep.ForEach(k => k.Dispose());
            Directory.Delete(work, recursive: true);
        }
    }

    /// <returns>The p50 in milliseconds.</returns>
    static async Task<double> MeasureAsync(string name, IServiceProvider services, List<string> questions, List<string>? warmup = null)
    {
        await services.GetRequiredService<KnowledgeBase>().ReindexAsync();
        var answers = services.GetRequiredService<AnswerService>();
        var (p50, p99) = await Measure.LatencyAsync(questions, q => answers.AskAsync(q), warmup);

        var process = Process.GetCurrentProcess();
        var affinity = process.ProcessorAffinity;
        process.ProcessorAffinity = 1; // one core, the GC included
        var watch = Stopwatch.StartNew();
        foreach (var q in questions) await answers.AskAsync(q);
        var perSecond = questions.Count / watch.Elapsed.TotalSeconds;
        process.ProcessorAffinity = affinity;

        process.Refresh();
        Console.WriteLine($"| {name} | {questions.Count} | {p50:0.00} ms | {p99:0.00} ms | {perSecond:0} | {process.WorkingSet64 / 1048576.0:0} MB |");
        return p50;
    }
}
