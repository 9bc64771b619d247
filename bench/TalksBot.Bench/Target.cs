namespace TalksBot.Bench;

/// <summary>One of issue #15's targets as a benchmark run checked it, with Lucene.Net's figure where there is one.</summary>
public sealed record Target(string What, string Ours, string Lucene, bool Met)
{
    public static void Print(string title, IReadOnlyCollection<Target> targets)
    {
        Console.WriteLine($"\n{title}");
        Console.WriteLine("| target | TalksBot | Lucene.Net | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var t in targets) Console.WriteLine($"| {t.What} | {t.Ours} | {t.Lucene} | {(t.Met ? "yes" : "**no**")} |");
    }
}
