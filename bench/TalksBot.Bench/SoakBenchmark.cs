namespace TalksBot.Bench;

/// <summary>`soak`: <see cref="SoakRun"/> at full length, reported as the README's tables.</summary>
public static class SoakBenchmark
{
    public static async Task RunAsync(string seeds, string devSet, int questions, double perSecond)
    {
        var texts = DevSet.Load(devSet).Select(q => q.Question).ToList();
        Console.WriteLine($"Soak: {questions} questions at {perSecond}/s through the Telegram webhook of `serve` (own process), openai engine on a fake endpoint, {Environment.ProcessorCount} cores");
        var r = await SoakRun.RunAsync(seeds, texts, questions, perSecond, timeoutSeconds: 5, breakSeconds: 30, liveHeap: true, progress: Console.Out);

        Console.WriteLine();
        Console.WriteLine("| phase (share of the run) | answered | `engine` openai | offline fallback | refused | answer time, mean | wait p50 / p99 | RSS / live heap as it began |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in r.Phases)
        {
            var share = SoakFaults.LlmPhases.FirstOrDefault(l => l.Name == p.Name) is { Name: not null } l ? $" ({l.From:0%}–{l.To:0%})" : "";
            Console.WriteLine($"| {p.Name}{share} | {p.Answered} | {p.ByLlm} | {p.ByFallback} | {p.Refused} | {p.AnswerMeanMs:0} ms | {p.P50Ms / 1000:0.0} / {p.P99Ms / 1000:0.0} s | {p.RssMb:0} / {Mb(p.LiveHeapMb)} |");
        }
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| questions posted (of them posted twice, as Telegram redelivers) | {r.Posted} ({r.Replayed}) |");
        Console.WriteLine($"| answered once / not answered / answered twice | {r.AnsweredOnce} / {r.Missing} / {r.AnsweredTwice} |");
        Console.WriteLine($"| webhook posts refused or failed | {r.WebhookErrors} |");
        Console.WriteLine($"| sends Telegram turned away in bursts (502, 429) / 429s from its limits | {r.TelegramFaults} / {r.LimitRejections} |");
        Console.WriteLine($"| \"Answered for telegram\" log lines / lines holding a question, the token or the secret | {r.AnswerLogLines} / {r.LeakedLines} |");
        Console.WriteLine($"| error log lines / warnings | {r.ErrorLines.Count} / {r.Warnings.Count} |");
        Console.WriteLine($"| times the LLM endpoint was found answering again | {r.LlmRecoveries} |");
        Console.WriteLine($"| RSS after start-up / after 10% / at the end / peak | {r.RssStartMb:0} / {r.RssWarmMb:0} / {r.RssEndMb:0} / {r.RssPeakMb:0} MB |");
        Console.WriteLine($"| live heap after start-up / at the end (dotnet-gcdump) | {Mb(r.LiveHeapStartMb)} / {Mb(r.LiveHeapEndMb)} |");
        Console.WriteLine($"| run time / SIGTERM to exit (code) | {r.Seconds:0} s / {r.StopSeconds:0.0} s ({r.ExitCode}) |");
        foreach (var line in r.ErrorLines.Take(10)) Console.WriteLine("error: " + line);
        Console.WriteLine();
        Console.WriteLine("Warnings, by kind:");
        foreach (var kind in r.Warnings.GroupBy(w => System.Text.RegularExpressions.Regex.Replace(w.Length > 90 ? w[..90] + "…" : w, @"\d+", "N")).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  {kind.Count(),6}  {kind.Key}");
    }

    static string Mb(double? mb) => mb is { } v ? $"{v:0.0} MB" : "n/a (dotnet tool install -g dotnet-gcdump)";
}
