using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Questions;

namespace TalksBot.Cli;

/// <summary>`questions export --labelled`: the records an operator labelled in the console, as a question set for `ask --json --batch` and the scorer.</summary>
public static class QuestionsCommand
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var labelled = new Option<bool>("--labelled") { Description = "The records labelled \"should answer with …\" or \"should refuse\" (the only kind exported today)." };
        var export = new Command("export", "Print labelled records as JSON lines (id, question, lang, answerable, must, gold), the scorer's shape.") { labelled };
        export.SetAction(async (result, cancellationToken) =>
        {
            if (!result.GetValue(labelled))
            {
                await Console.Error.WriteLineAsync("Say which records: --labelled.");
                return 2;
            }
            return await ServedVerbs.RunAsync("questions export", [], null, cancellationToken);
        });
        return new Command("questions", "The questions log: what people asked and what they thought of the answers.") { export };
    }

    public static async Task<VerbOutput> ExportAsync(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var lines = await services.GetRequiredService<LabelledQuestions>().ExportAsync(cancellationToken);
        var text = new StringBuilder();
        foreach (var line in lines) text.AppendLine(line.ToJsonString(Json));
        return new(0, text.ToString(), lines.Count == 0 ? "No record is labelled yet (label them in the console's questions log).\n" : "");
    }
}
