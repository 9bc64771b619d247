using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Cli;

/// <summary>`ask "question" [--json]` and `ask --json --batch FILE`: answers with their sources.</summary>
public static class AskCommand
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var question = new Argument<string?>("question") { Description = "The question.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (one line per question with --batch)." };
        var batch = new Option<FileInfo?>("--batch") { Description = "A JSON-lines file of {\"id\", \"question\"} to answer one by one." };
        var command = new Command("ask", "Answer a question from the texts, citing them.") { question, json, batch };
        // "ask --jsn …" or "ask --frobnicate" would otherwise be answered (and logged) as a question.
        question.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && UnknownOption(value))
                result.AddError($"{value} is not an option of ask (its options: {string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name))}). " +
                    "To ask a question that starts with -, put -- before it.");
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var args = new JsonObject { ["question"] = result.GetValue(question) ?? "", ["json"] = result.GetValue(json) };
            if (result.GetValue(batch) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"{file.FullName} does not exist.");
                    return 2;
                }
                args["batch"] = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            }
            return await ServedVerbs.RunAsync("ask", args, IndexCommand.FirstBuildProgress(), cancellationToken);
        });
        return command;
    }

    /// <param name="args">question, json, and batch (the text of a JSON-lines file) instead of a question.</param>
    public static async Task<VerbOutput> RunAsync(IServiceProvider services, JsonObject args, IProgress<Index.IndexProgress>? progress, CancellationToken cancellationToken)
    {
        // A first build can take a while on a large folder: said, not left silent.
        await services.GetRequiredService<Index.KnowledgeBase>().GetAsync(progress, cancellationToken);
        var answers = services.GetRequiredService<AnswerService>();
        if (args["batch"]?.GetValue<string>() is { } lines) return new(0, await BatchAsync(answers, lines, cancellationToken));
        var answer = await answers.AskAsync(args["question"]?.GetValue<string>() ?? "", cancellationToken: cancellationToken);
        if (answer.Error is not null) return new(2, "", Printable(answer.Error) + "\n");
        return new(0, args["json"]?.GetValue<bool>() == true ? AnswerJson.From(answer).ToJsonString(Json) + "\n" : Render(answer));
    }

    /// <summary>One word after a dash or two ("--jsn", "-x"): an option mistyped, not a question.</summary>
    static bool UnknownOption(string value) => value.Length > 1 && value[0] == '-' && !value.Any(char.IsWhiteSpace);

    static async Task<string> BatchAsync(AnswerService answers, string lines, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var lineNumber = 0;
        foreach (var line in lines.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonNode? id = null;
            string? text;
            try
            {
                var item = JsonNode.Parse(line);
                id = item?["id"]?.DeepClone();
                text = item?["question"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                output.AppendLine(new JsonObject { ["line"] = lineNumber, ["error"] = $"not a JSON object with a string \"question\": {e.Message}" }.ToJsonString(Json));
                continue;
            }
            var answer = AnswerJson.From(await answers.AskAsync(text ?? "", cancellationToken: cancellationToken));
            answer.Insert(0, "id", id);
            output.AppendLine(answer.ToJsonString(Json));
        }
        return output.ToString();
    }

    public static string Render(Answer.Answer answer)
    {
        var text = new StringBuilder();
        text.AppendLine(Printable(answer.Text));
        if (answer.Citations.Count == 0) return text.ToString();
        text.AppendLine();
        foreach (var c in answer.Citations)
        {
            text.AppendLine(Printable($"[{c.N}] {c.Title}{(c.Outlet is null ? "" : " — " + c.Outlet)} ({c.Source})"));
            text.AppendLine(Printable($"    “{c.Quote}”"));
        }
        return text.ToString();
    }

    /// <summary>Control characters a question or a text may carry (an escape sequence rewrites the terminal) shown as �.</summary>
    public static string Printable(string text) =>
        string.Create(text.Length, text, (span, t) => { for (var i = 0; i < t.Length; i++) span[i] = char.IsControl(t[i]) && t[i] is not ('\n' or '\t') ? '\uFFFD' : t[i]; });
}
