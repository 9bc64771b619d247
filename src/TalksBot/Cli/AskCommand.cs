using System.CommandLine;
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
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var answers = services.GetRequiredService<AnswerService>();
            if (result.GetValue(batch) is { } file) return await BatchAsync(answers, file, cancellationToken);
            var answer = await answers.AskAsync(result.GetValue(question) ?? "", cancellationToken: cancellationToken);
            if (answer.Error is not null)
            {
                await Console.Error.WriteLineAsync(Printable(answer.Error));
                return 2;
            }
            if (result.GetValue(json)) Console.WriteLine(AnswerJson.From(answer).ToJsonString(Json));
            else Print(answer);
            return 0;
        }));
        return command;
    }

    /// <summary>One word after a dash or two ("--jsn", "-x"): an option mistyped, not a question.</summary>
    static bool UnknownOption(string value) => value.Length > 1 && value[0] == '-' && !value.Any(char.IsWhiteSpace);

    static async Task<int> BatchAsync(AnswerService answers, FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"{file.FullName} does not exist.");
            return 2;
        }
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file.FullName))
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
                Console.WriteLine(new JsonObject { ["line"] = lineNumber, ["error"] = $"not a JSON object with a string \"question\": {e.Message}" }.ToJsonString(Json));
                continue;
            }
            var answer = await answers.AskAsync(text ?? "", cancellationToken: cancellationToken);
            var output = AnswerJson.From(answer);
            output.Insert(0, "id", id);
            Console.WriteLine(output.ToJsonString(Json));
        }
        return 0;
    }

    public static void Print(Answer.Answer answer)
    {
        Console.WriteLine(Printable(answer.Text));
        if (answer.Citations.Count == 0) return;
        Console.WriteLine();
        foreach (var c in answer.Citations)
        {
            Console.WriteLine(Printable($"[{c.N}] {c.Title}{(c.Outlet is null ? "" : " — " + c.Outlet)} ({c.Source})"));
            Console.WriteLine(Printable($"    “{c.Quote}”"));
        }
    }

    /// <summary>Control characters a question or a text may carry (an escape sequence rewrites the terminal) shown as �.</summary>
    public static string Printable(string text) =>
        string.Create(text.Length, text, (span, t) => { for (var i = 0; i < t.Length; i++) span[i] = char.IsControl(t[i]) && t[i] is not ('\n' or '\t') ? '\uFFFD' : t[i]; });
}
