using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Cli;

/// <summary>`status`: the indexed sources, the database and the last index run.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the indexed sources, the database and the last index run.");
        command.SetAction((_, cancellationToken) => ServedVerbs.RunAsync("status", [], IndexCommand.FirstBuildProgress(), cancellationToken));
        return command;
    }

    public static async Task<VerbOutput> RunAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var knowledge = services.GetRequiredService<KnowledgeBase>();
        var index = await knowledge.GetAsync(progress, cancellationToken);
        var store = knowledge.Store;
        var sources = await store.SourcesAsync(cancellationToken);
        var text = new StringBuilder();
        text.AppendLine($"{sources.Count} sources, {sources.Sum(s => s.Chunks)} chunks in {store.Location} ({await store.SizeBytesAsync(cancellationToken) / 1024.0:0} KB)");
        text.AppendLine($"Sentence vectors: {services.GetRequiredService<SentenceVectors>().State(index)}");
        text.AppendLine();
        text.AppendLine($"{"file",-28} {"lang",-4} {"chunks",6}  {"hash",-12}  {"indexed at (UTC)",-19}  title — outlet");
        foreach (var s in sources)
            text.AppendLine($"{s.Id,-28} {s.Language,-4} {s.Chunks,6}  {s.Hash[..Math.Min(12, s.Hash.Length)],-12}  {s.IndexedAt:yyyy-MM-dd HH:mm:ss}  {Shorten(s.Title, 60)}{(s.Outlet is null ? "" : " — " + s.Outlet)}");
        if (await store.RunsAsync(1, cancellationToken) is [var last])
        {
            text.AppendLine();
            text.AppendLine($"Last index run: {last.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {last.Outcome}, {last.ElapsedMs:0} ms: " +
                $"{last.Added} added, {last.Changed} changed, {last.Removed} removed, {last.Unchanged} unchanged.");
            if (last.Error is not null) text.AppendLine($"  ! {last.Error}");
            foreach (var problem in last.Problems) text.AppendLine($"  ! {problem}");
        }
        return new(0, text.ToString());
    }

    static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
