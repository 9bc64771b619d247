using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using TalksBot.Ingest;
using TalksBot.Llm;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The `openai` engine: renders prompts/answer.txt with the numbered passages and the question and
/// invokes it through the kernel on the configured OpenAI-compatible chat endpoint. Returns the
/// model's raw text; <see cref="CitationGuard"/> decides what of it stands.
/// </summary>
public sealed class OpenAIAnswerer
{
    public const string ServiceId = "openai";
    readonly KernelFunction function;
    readonly OpenAIOptions options;

    public OpenAIAnswerer(IOptions<OpenAIOptions> options)
    {
        this.options = options.Value;
        var path = Path.Combine(AppContext.BaseDirectory, "prompts", "answer.txt");
        var settings = new OpenAIPromptExecutionSettings { ServiceId = ServiceId, Temperature = 0, MaxTokens = 700 };
        function = KernelFunctionFactory.CreateFromPrompt(File.ReadAllText(path), settings, functionName: "grounded_answer");
    }

    public async Task<string> AnswerAsync(Kernel kernel, string question, string language, IReadOnlyList<SearchHit> passages, CancellationToken cancellationToken)
    {
        var numbered = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var p = passages[i];
            numbered.AppendLine($"[{i + 1}] {p.Source.Title}{(p.Source.Outlet is null ? "" : " (" + p.Source.Outlet + ")")}");
            numbered.AppendLine(CitationGuard.WithoutMarkers(p.Passage.Chunk.Text)).AppendLine();
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var result = await kernel.InvokeAsync(function, new KernelArguments
        {
            ["question"] = question,
            ["passages"] = numbered.ToString(),
            ["language"] = language == LanguageDetector.Dutch ? "Dutch" : "English",
        }, timeout.Token);
        return result.GetValue<string>() ?? "";
    }
}
