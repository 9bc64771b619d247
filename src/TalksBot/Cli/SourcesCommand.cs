using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Extraction;

namespace TalksBot.Cli;

/// <summary>`sources extract [--json] PATH`: the article of saved web pages, as the bot would take them in.</summary>
public static class SourcesCommand
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A saved page (.html, .htm, .html.gz) or a folder of them." };
        var json = new Option<bool>("--json") { Description = "One JSON object mapping each file's name (without its extension) to its article." };
        var extract = new Command("extract", "Show the article text and metadata taken from saved web pages.") { path, json };
        extract.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(path)!;
            if (SavedPages.Find(given) is not { } files)
            {
                await Console.Error.WriteLineAsync($"{given} is neither a file nor a folder.");
                return 2;
            }
            var output = new JsonObject();
            foreach (var file in files)
            {
                var page = PageExtractor.Extract(await SavedPages.ReadAsync(file, cancellationToken));
                var key = SavedPages.Key(file) ?? Path.GetFileName(file);
                if (result.GetValue(json))
                    output[key] = new JsonObject
                    {
                        ["articleBody"] = page.ArticleBody, ["title"] = page.Title, ["author"] = page.Author, ["published"] = page.Published,
                        ["language"] = page.Language, ["url"] = page.Url,
                    };
                else
                    Console.WriteLine($"{key}: {page.Title} — {page.Outlet} ({page.Published}, {page.Language}) {page.Url}\n{page.ArticleBody}\n");
            }
            if (result.GetValue(json)) Console.WriteLine(output.ToJsonString(Json));
            return 0;
        });
        var link = new Argument<string>("url") { Description = "The page (or PDF, or Word file) to add." };
        var add = new Command("add", "Fetch a page, take its article out and index it as a source; the same article again updates it.") { link };
        add.SetAction((result, cancellationToken) => ServedVerbs.RunAsync("sources add", new JsonObject { ["url"] = result.GetValue(link) }, null, cancellationToken));
        return new Command("sources", "Sources by link and from saved pages.") { add, extract };
    }

    public static async Task<VerbOutput> AddAsync(IServiceProvider services, JsonObject args, IProgress<TalksBot.Index.IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var added = await services.GetRequiredService<TalksBot.Sources.LinkSources>().AddAsync(args["url"]?.GetValue<string>() ?? "", cancellationToken);
        if (added.Problem is not null) return new(1, "", $"Not added: {added.Problem}.\n");
        if (added.SameAs is not null) return new(0, $"Not added: {added.Name} is the same article as {added.SameAs}, which is indexed already.\n");
        var page = added.Page;
        var about = page is null ? "" : $": {page.Title}{(page.Outlet is null ? "" : " — " + page.Outlet)}{(page.Published is null ? "" : ", " + page.Published)}";
        var summary = await IndexCommand.RenderAsync(added.Run!, services.GetRequiredService<TalksBot.Index.KnowledgeBase>().Store, cancellationToken);
        return new(added.Run!.Succeeded ? 0 : 1, $"{(added.Replaced ? "Updated" : "Added")} {added.Name}{about}\n{summary}");
    }
}
