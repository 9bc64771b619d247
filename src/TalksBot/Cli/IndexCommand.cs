using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Cli;

/// <summary>`index [--full] [--allow-removing-all]`: brings the index up to date with the seeds folder and prints what changed.</summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Re-read every source, not only new and changed ones." };
        var removingAll = new Option<bool>("--allow-removing-all") { Description = "Remove what is gone from the folder even when that is every source, or more than Seeds:MaxRemovedShare of them." };
        var command = new Command("index", "Update the index from the seeds folder (incremental; --full rebuilds everything).") { full, removingAll };
        command.SetAction((result, cancellationToken) => ServedVerbs.RunAsync("index",
            new JsonObject { ["full"] = result.GetValue(full), ["allowRemovingAll"] = result.GetValue(removingAll) }, TerminalProgress(), cancellationToken));
        return command;
    }

    public static async Task<VerbOutput> RunAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var knowledge = services.GetRequiredService<KnowledgeBase>();
        var run = await knowledge.ReindexAsync(args["full"]?.GetValue<bool>() == true, progress, args["allowRemovingAll"]?.GetValue<bool>() == true, cancellationToken);
        // Within serve (no progress given) its warmer embeds; here the index is not ready for careful mode until this is done.
        var vectors = services.GetRequiredService<SentenceVectors>();
        if (run.Succeeded && progress is not null && vectors.Wanted)
            await vectors.WarmAsync(await knowledge.GetAsync(cancellationToken), progress, cancellationToken: cancellationToken);
        // The terminal's progress line is cleared before the summary takes its place.
        if (progress is not null && !Console.IsErrorRedirected) Console.Error.Write("\r\u001b[K");
        return new(run.Succeeded ? 0 : 1, await RenderAsync(run, knowledge.Store, cancellationToken));
    }

    /// <summary>On a terminal, one line kept up to date; otherwise a line each time the run enters a phase ("reading 1500", "writing 1500"), for logs.</summary>
    static IProgress<IndexProgress> TerminalProgress()
    {
        if (!Console.IsErrorRedirected) return new Progress<IndexProgress>(p => Console.Error.Write($"\r\u001b[K{p.Phase} {p.Done}/{p.Total} {p.File}"));
        string? phase = null;
        return new Synchronous(p =>
        {
            if (p.Phase == phase) return;
            phase = p.Phase;
            Console.Error.WriteLine($"{p.Phase} {p.Total}");
        });
    }

    /// <summary>
    /// For a verb whose first use builds the index: on a terminal a line kept up to date and then cleared
    /// ("Building the index: 3 of 5 sources"); otherwise one line when there are sources to read.
    /// </summary>
    public static IProgress<IndexProgress> FirstBuildProgress()
    {
        var said = false;
        return new Synchronous(p =>
        {
            if (p.Phase != "reading") return;
            if (!Console.IsErrorRedirected)
                Console.Error.Write(p.Done < p.Total ? $"\r\u001b[KBuilding the index: {p.Done} of {p.Total} sources…" : "\r\u001b[K");
            else if (!said) Console.Error.WriteLine($"Building the index from {p.Total} sources…");
            said = true;
        });
    }

    /// <summary>Reports as they come, in order (Progress&lt;T&gt; posts them to the thread pool, where a line can come late).</summary>
    sealed class Synchronous(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        readonly Lock gate = new();

        /// <remarks>Files are read on several threads at once.</remarks>
        public void Report(IndexProgress value)
        {
            lock (gate) report(value);
        }
    }

    public static async Task<string> RenderAsync(IndexRun run, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (!run.Succeeded)
        {
            text.AppendLine($"Reindex failed: {run.Error}");
        }
        else
        {
            text.AppendLine($"Indexed {run.Sources} sources, {run.Chunks} chunks{(run.Full ? " (full rebuild)" : "")}: " +
                $"{run.Added} added, {run.Changed} changed, {run.Removed} removed, {run.Unchanged} unchanged{(run.Reread > 0 ? $" ({run.Reread} read again)" : "")} in {run.ElapsedMs / 1000:0.00} s.");
            text.AppendLine($"Database: {store.Location} ({await store.SizeBytesAsync(cancellationToken) / 1024.0:0} KB)");
        }
        foreach (var problem in run.Problems) text.AppendLine($"  ! {problem}");
        return text.ToString();
    }
}
