using TalksBot.Bench;

// dotnet run -c Release --project bench/TalksBot.Bench -- targets   (search, ask and telegram one after another, then every target of issue #15 from that run)
// dotnet run -c Release --project bench/TalksBot.Bench -- search [--articles N] [--queries N] [--seed N]
// dotnet run -c Release --project bench/TalksBot.Bench -- ask [--articles N] [--queries N] [--seed N]
// dotnet run -c Release --project bench/TalksBot.Bench -- telegram [--questions N]
// dotnet run -c Release --project bench/TalksBot.Bench -- chunking
// dotnet run -c Release --project bench/TalksBot.Bench -- semantic [--articles N] [--seed N]
// dotnet run -c Release --project bench/TalksBot.Bench -- soak [--questions N] [--rate N]
// dotnet run -c Release --project bench/TalksBot.Bench -- faults kill [--rounds N] [--updates N]
// sudo dotnet run -c Release --project bench/TalksBot.Bench -- faults diskfull [--updates N] [--rate N]
// dotnet run -c Release --project bench/TalksBot.Bench -- extraction [--pages DIR (holding html/, ground-truth.json, score.py, anchors/)]
// dotnet run -c Release --project bench/TalksBot.Bench -- replicas [--updates N] [--rate N (0: as fast as possible, limits lifted)]
var verb = args.FirstOrDefault() ?? "search";
int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
var devSet = DevSet.Find() ?? "../shared/eval/dev.jsonl";

switch (verb)
{
    case "search":
        await SearchBenchmark.RunAsync("seeds", devSet, Option("--articles", 10_000), Option("--queries", 1_000), Option("--seed", 42));
        return 0;
    case "targets":
    {
        List<Target> all = [.. await SearchBenchmark.RunAsync("seeds", devSet, 10_000, 1_000, 42)];
        Console.WriteLine();
        all.AddRange(await AskBenchmark.RunAsync("seeds", devSet, 10_000, 1_000, 42));
        Console.WriteLine();
        all.AddRange(await TelegramLoadBenchmark.RunAsync("seeds", devSet, 1_000));
        Target.Print($"All the performance targets, from this one run: {all.Count(t => t.Met)} of {all.Count} met", all);
        return 0;
    }
    case "ask":
        await AskBenchmark.RunAsync("seeds", devSet, Option("--articles", 10_000), Option("--queries", 1_000), Option("--seed", 42));
        return 0;
    case "semantic":
        await SemanticBenchmark.RunAsync("seeds", devSet, Option("--articles", 1_000), Option("--seed", 42));
        return 0;
    case "telegram":
        await TelegramLoadBenchmark.RunAsync("seeds", devSet, Option("--questions", 1_000));
        return 0;
    case "soak":
        await SoakBenchmark.RunAsync("seeds", devSet, Option("--questions", 10_000), Option("--rate", 20));
        return 0;
    case "chunking":
        await ChunkingBenchmark.RunAsync("seeds", devSet);
        return 0;
    case "faults" when args.ElementAtOrDefault(1) == "kill":
        await FaultsBenchmark.KillAsync(Path.GetFullPath("seeds"), Option("--rounds", 20), Option("--updates", 5));
        return 0;
    case "faults" when args.ElementAtOrDefault(1) == "diskfull":
        await FaultsBenchmark.DiskFullAsync(Path.GetFullPath("seeds"), Option("--updates", 3_000), Option("--rate", 50));
        return 0;
    case "extraction":
        await ExtractionBenchmark.RunAsync(Array.IndexOf(args, "--pages") is var p and >= 0 && p + 1 < args.Length ? args[p + 1]
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(devSet) ?? ".", "..", "extraction")));
        return 0;
    case "replicas":
        await ReplicasBenchmark.RunAsync(Path.GetFullPath("seeds"), devSet, Option("--updates", 5_000), Option("--rate", 25));
        return 0;
    default:
        Console.Error.WriteLine("usage: bench <targets|search|ask|telegram|chunking|extraction|soak|faults kill|faults diskfull|replicas> [--pages DIR] [--articles N] [--queries N] [--questions N] [--rate N] [--seed N]");
        return 2;
}
