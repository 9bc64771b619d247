using System.CommandLine;
using System.IO.Compression;
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
            var files = Directory.Exists(given) ? Directory.EnumerateFiles(given).Where(IsPage).Order(StringComparer.Ordinal).ToList()
                : File.Exists(given) ? [given] : null;
            if (files is null)
            {
                await Console.Error.WriteLineAsync($"{given} is neither a file nor a folder.");
                return 2;
            }
            var output = new JsonObject();
            foreach (var file in files)
            {
                var page = PageExtractor.Extract(await ReadAsync(file, cancellationToken));
                if (result.GetValue(json))
                    output[Key(file)] = new JsonObject
                    {
                        ["articleBody"] = page.ArticleBody, ["title"] = page.Title, ["author"] = page.Author, ["published"] = page.Published,
                        ["language"] = page.Language, ["url"] = page.Url,
                    };
                else
                    Console.WriteLine($"{Key(file)}: {page.Title} — {page.Outlet} ({page.Published}, {page.Language}) {page.Url}\n{page.ArticleBody}\n");
            }
            if (result.GetValue(json)) Console.WriteLine(output.ToJsonString(Json));
            return 0;
        });
        return new Command("sources", "Sources by link and from saved pages.") { extract };
    }

    static bool IsPage(string file) => file.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase);

    static string Key(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var ending in new[] { ".html.gz", ".html", ".htm" })
            if (name.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) return name[..^ending.Length];
        return name;
    }

    static async Task<string> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        await using var decompressed = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decompressed, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
