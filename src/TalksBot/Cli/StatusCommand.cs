using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;

namespace TalksBot.Cli;

/// <summary>`status`: the indexed sources, the database and the last index run.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the indexed sources, the database and the last index run.");
        command.SetAction((_, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var knowledge = services.GetRequiredService<KnowledgeBase>();
            await knowledge.GetAsync(cancellationToken);
            var store = knowledge.Store;
            var sources = await store.SourcesAsync(cancellationToken);
            Console.WriteLine($"{sources.Count} sources, {sources.Sum(s => s.Chunks)} chunks in {store.Location} ({await store.SizeBytesAsync(cancellationToken) / 1024.0:0} KB)");
            Console.WriteLine();
            Console.WriteLine($"{"file",-28} {"lang",-4} {"chunks",6}  {"hash",-12}  {"indexed at (UTC)",-19}  title — outlet");
            foreach (var s in sources)
                Console.WriteLine($"{s.Id,-28} {s.Language,-4} {s.Chunks,6}  {s.Hash[..Math.Min(12, s.Hash.Length)],-12}  {s.IndexedAt:yyyy-MM-dd HH:mm:ss}  {Shorten(s.Title, 60)}{(s.Outlet is null ? "" : " — " + s.Outlet)}");
            if (await store.RunsAsync(1, cancellationToken) is [var last])
            {
                Console.WriteLine();
                Console.WriteLine($"Last index run: {last.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {last.Outcome}, {last.ElapsedMs:0} ms: " +
                    $"{last.Added} added, {last.Changed} changed, {last.Removed} removed, {last.Unchanged} unchanged.");
                if (last.Error is not null) Console.WriteLine($"  ! {last.Error}");
                foreach (var problem in last.Problems) Console.WriteLine($"  ! {problem}");
            }
            return 0;
        }));
        return command;
    }

    static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
