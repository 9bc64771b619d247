using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalksBot.Extraction;

namespace TalksBot.Bench;

/// <summary>
/// `extraction [--pages DIR]`: the article extractor on saved pages (../shared/extraction by default), scored by that
/// folder's score.py beside the anchors it holds (what well-known extractors returned), and the time per page.
/// </summary>
public static class ExtractionBenchmark
{
    public static async Task RunAsync(string folder)
    {
        var files = SavedPages.Find(Path.Combine(folder, "html")) ?? throw new InvalidOperationException($"No pages in {folder}/html.");
        var pages = new List<(string Key, string Html)>();
        foreach (var file in files) pages.Add((SavedPages.Key(file)!, await SavedPages.ReadAsync(file)));

        foreach (var (_, html) in pages) PageExtractor.Extract(html); // compiled and warm before anything is timed
        var times = new List<double>();
        var output = new JsonObject();
        foreach (var (key, html) in pages)
        {
            var rounds = new List<double>();
            ExtractedPage? page = null;
            for (var round = 0; round < 3; round++)
            {
                var watch = Stopwatch.StartNew();
                page = PageExtractor.Extract(html);
                rounds.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Add(rounds.Order().ElementAt(1));
            output[key] = new JsonObject { ["articleBody"] = page!.ArticleBody };
        }
        var extracted = Path.Combine(Path.GetTempPath(), "talksbot.json");
        await File.WriteAllTextAsync(extracted, output.ToJsonString());

        var score = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(folder, "score.py"), Path.Combine(folder, "ground-truth.json"), extracted }.Concat(Directory.GetFiles(Path.Combine(folder, "anchors"), "*.json").Order()))
            score.ArgumentList.Add(a);
        using var scorer = Process.Start(score)!;
        Console.Write(await scorer.StandardOutput.ReadToEndAsync());
        await scorer.WaitForExitAsync();
        File.Delete(extracted);

        times.Sort();
        double At(double q) => times[(int)Math.Min(times.Count - 1, Math.Round(q * (times.Count - 1)))];
        Console.WriteLine($"time per page ({pages.Count} pages, {pages.Sum(p => p.Html.Length) / pages.Count / 1024} KB of HTML on average, once warm, median of 3): " +
            $"p50 {At(0.5):0.0} ms, p90 {At(0.9):0.0} ms, max {times[^1]:0.0} ms");
    }
}
