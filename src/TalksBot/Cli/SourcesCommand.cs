using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        return new Command("sources", "Sources by link and from saved pages.") { extract };
    }
}
