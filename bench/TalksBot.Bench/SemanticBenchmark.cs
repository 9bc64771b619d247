using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Bench;

/// <summary>
/// `semantic`: what the offline sentence vectors cost. On the seeds, ask latency in the three modes that read
/// them or not; on a generated corpus, the first build's embedding beside the index build and Lucene.Net's,
/// a rebuild that reuses the vectors, and a new process's first careful answer with the vectors stored.
/// </summary>
public static class SemanticBenchmark
{
    public static async Task RunAsync(string seeds, string devSet, int articles, int seed)
    {
        var work = Directory.CreateTempSubdirectory("talksbot-semantic-").FullName;
        try
        {
            Console.WriteLine($"TalksBot semantic benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {seed}");
            await SeedsAsync(seeds, devSet, work);
            await GeneratedAsync(articles, seed, work);
            Console.WriteLine($"\nProcess peak RSS: {Measure.PeakRssMb():0} MB");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static async Task SeedsAsync(string seeds, string devSet, string work)
    {
        var questions = DevSet.Load(devSet).Select(q => q.Question).ToList();
        var repeated = Enumerable.Repeat(questions, 10).SelectMany(q => q).ToList();
        Console.WriteLine($"\n## Seeds: ask over {repeated.Count} questions (the dev set ten times)");
        Console.WriteLine("| mode | p50 | p99 |");
        Console.WriteLine("|---|---|---|");
        (string Name, Dictionary<string, string?> Settings)[] modes =
        [
            ("rules alone (default)", new() { ["Answer:Gate"] = "false" }),
            ("careful (Answer:Gate=true)", new() { ["Answer:Gate"] = "true" }),
            ("offline dense search (Search:OfflineDenseWeight=0.3)", new() { ["Search:OfflineDenseWeight"] = "0.3" }),
        ];
        foreach (var (name, settings) in modes)
        {
            var keep = new List<IDisposable>();
            try
            {
                var services = SearchBenchmark.Host(seeds, Path.Combine(work, "seeds.db"), keep, settings);
                await services.GetRequiredService<KnowledgeBase>().ReindexAsync();
                var answers = services.GetRequiredService<AnswerService>();
                var (p50, p99) = await Measure.LatencyAsync(repeated, q => answers.AskAsync(q), questions);
                Console.WriteLine($"| {name} | {p50:0.00} ms | {p99:0.00} ms |");
            }
            finally
            {
                keep.ForEach(k => k.Dispose());
            }
        }
    }

    static async Task GeneratedAsync(int articles, int seed, string work)
    {
        var generator = new CorpusGenerator(seed);
        var folder = generator.WriteCorpus(Path.Combine(work, "corpus"), articles);
        var database = Path.Combine(work, "corpus.db");
        var keep = new List<IDisposable>();
        double build, luceneBuild, embed, rebuild, rewarm;
        int sentences, embedded, reembedded;
        long stored;
        try
        {
            var services = SearchBenchmark.Host(folder, database, keep);
            var knowledge = services.GetRequiredService<KnowledgeBase>();
            var vectors = services.GetRequiredService<SentenceVectors>();
            build = await Measure.SecondsAsync(() => knowledge.ReindexAsync(full: true));
            var index = await knowledge.GetAsync();
            sentences = index.Chunks.Sum(c => c.Chunk.Sentences.Count);
            using (var lucene = new LuceneBaseline(Path.Combine(work, "lucene")))
                luceneBuild = await Measure.SecondsAsync(() => { lucene.Build(index.Chunks); return Task.CompletedTask; });
            embedded = 0;
            embed = await Measure.SecondsAsync(() => { embedded = vectors.Warm(index); return Task.CompletedTask; });
            // A full rebuild reads every source again; the vectors of sentences whose text is unchanged are not computed again.
            rebuild = await Measure.SecondsAsync(() => knowledge.ReindexAsync(full: true));
            var rebuilt = await knowledge.GetAsync();
            reembedded = 0;
            rewarm = await Measure.SecondsAsync(() => { reembedded = vectors.Warm(rebuilt); return Task.CompletedTask; });
            stored = services.GetRequiredService<ISentenceVectorStore>().ReadAfter(0).Batches.Sum(b => (long)b.Length);
        }
        finally
        {
            keep.ForEach(k => k.Dispose());
        }

        var careful = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = folder, ["TALKSBOT__INDEX__DATABASEPATH"] = database, ["TALKSBOT__ANSWER__GATE"] = "true" };
        var question = $"What did the report say about {generator.Queries(folder, 1)[0]}?";
        var withVectors = await FirstAnswerSecondsAsync(work, careful, question);
        var withoutVectors = await FirstAnswerSecondsAsync(work, new(careful) { ["TALKSBOT__SEARCH__SEMANTIC"] = "false" }, question);

        var perSecond = embedded / embed;
        var projected = embed * 10_000 / articles;
        Console.WriteLine($"\n## Generated: {articles:N0} articles, {sentences:N0} sentences");
        Console.WriteLine("| | time | beside |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| full index build (read, chunk, analyse, write) | {build:0.0} s | Lucene.Net {luceneBuild:0.0} s on the same chunks ({build / luceneBuild:0.0}x) |");
        Console.WriteLine($"| first embedding of every sentence | {embed:0.0} s ({embedded:N0} new, {perSecond:0} a second) | {embed / luceneBuild:0}x Lucene.Net's build; at 10,000 articles about {projected / 60:0} min |");
        Console.WriteLine($"| full rebuild, then the vectors looked for | {rebuild:0.0} s + {rewarm:0.00} s ({reembedded} embedded again) | |");
        Console.WriteLine($"| a new process's first careful answer, vectors stored (`ask`, process start and model load included) | {withVectors:0.00} s | {withoutVectors:0.00} s with Search:Semantic=false |");
        Console.WriteLine($"| vectors stored in the database | {Measure.Mb(stored)} | |");
    }

    /// <summary>The wall time of `dotnet TalksBot.dll ask` in a process of its own, the median of three.</summary>
    static async Task<double> FirstAnswerSecondsAsync(string work, Dictionary<string, string> environment, string question)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(BotProcess.StartInfo(work, environment, "ask", question))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"ask exited with {process.ExitCode}: {await errors}");
            await output;
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return times.Order().ElementAt(1);
    }
}
