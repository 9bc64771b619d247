using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using TalksBot.Answer;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Llm;

/// <summary>
/// The `openai` engine: renders prompts/answer.txt with the numbered passages and the question,
/// invokes it through the kernel on the configured OpenAI-compatible chat endpoint, and lets
/// <see cref="CitationGuard"/> decide what of the reply stands. A reply with nothing verifiable in
/// it (other than the model saying the texts do not answer) counts as a failure of the endpoint.
/// <see cref="LlmBreaker"/> decides whether the endpoint is called at all.
/// </summary>
public sealed class OpenAIAnswerer
{
    public const string ServiceId = "openai";
    readonly KernelFunction function;
    readonly OpenAIOptions options;
    readonly LlmBreaker breaker;

    public OpenAIAnswerer(IOptions<OpenAIOptions> options, LlmBreaker breaker)
    {
        this.options = options.Value;
        this.breaker = breaker;
        var path = Path.Combine(AppContext.BaseDirectory, "prompts", "answer.txt");
        var settings = new OpenAIPromptExecutionSettings { ServiceId = ServiceId, Temperature = 0, MaxTokens = 700 };
        function = KernelFunctionFactory.CreateFromPrompt(File.ReadAllText(path), settings, functionName: "grounded_answer");
    }

    /// <summary>What calling the endpoint can fail with, as opposed to the caller giving up.</summary>
    public static bool IsEndpointFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpOperationException or System.ClientModel.ClientResultException or HttpRequestException or KernelException or AggregateException
            or System.Text.Json.JsonException or InvalidOperationException or TimeoutException or UnverifiableReplyException or LlmPausedException
        || e is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    /// <summary>The verified answer; throws when the endpoint fails, its reply has nothing verifiable, or the breaker is open.</summary>
    public async Task<AnswerDraft> AnswerAsync(Kernel kernel, string question, string language, IReadOnlyList<SearchHit> passages, CancellationToken cancellationToken)
    {
        if (!breaker.TryEnter()) throw new LlmPausedException();
        try
        {
            var raw = await CompleteAsync(kernel, question, language, passages, cancellationToken);
            var draft = CitationGuard.Verify(raw, passages, language);
            if (draft.Refused && !raw.Contains(CitationGuard.NotInTexts, StringComparison.Ordinal)) throw new UnverifiableReplyException();
            breaker.Succeeded();
            return draft;
        }
        catch (Exception e) when (IsEndpointFailure(e, cancellationToken))
        {
            breaker.Failed();
            throw;
        }
        catch
        {
            breaker.Abandoned();
            throw;
        }
    }

    async Task<string> CompleteAsync(Kernel kernel, string question, string language, IReadOnlyList<SearchHit> passages, CancellationToken cancellationToken)
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

/// <summary>The model replied, but with no claim the passages support and without saying the texts do not answer.</summary>
public sealed class UnverifiableReplyException() : Exception("The reply cites nothing the passages support.");
