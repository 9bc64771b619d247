using TalksBot.Bench;

// dotnet run -c Release --project bench/TalksBot.Bench -- <search|chunking> [options]
var verb = args.FirstOrDefault() ?? "search";
var devSet = DevSet.Find() ?? "../shared/eval/dev.jsonl";
switch (verb)
{
    case "chunking":
        await ChunkingBenchmark.RunAsync("seeds", devSet);
        return 0;
    default:
        Console.Error.WriteLine("usage: bench <search|chunking>");
        return 2;
}
