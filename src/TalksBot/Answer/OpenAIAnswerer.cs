using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;
using Polly.CircuitBreaker;
using TalksBot.Ingest;
using TalksBot.Llm;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The `openai` engine: renders prompts/answer.txt with the numbered passages and the question,
/// invokes it through the kernel on the configured OpenAI-compatible chat endpoint, and lets
/// <see cref="CitationGuard"/> decide what of the reply stands. A reply with nothing verifiable in
/// it (other than the model saying the texts do not answer) counts as a failure of the endpoint.
/// When most recent calls failed, a circuit breaker stops calling the endpoint for a while, so
/// people get the offline answer at once instead of each waiting out a timeout.
/// </summary>
public sealed partial class OpenAIAnswerer
{
    public const string ServiceId = "openai";
    readonly KernelFunction function;
    readonly OpenAIOptions options;
    readonly ResiliencePipeline breaker;

    public OpenAIAnswerer(IOptions<OpenAIOptions> options, TimeProvider time, ILogger<OpenAIAnswerer> logger)
    {
        this.options = options.Value;
        var path = Path.Combine(AppContext.BaseDirectory, "prompts", "answer.txt");
        var settings = new OpenAIPromptExecutionSettings { ServiceId = ServiceId, Temperature = 0, MaxTokens = 700 };
        function = KernelFunctionFactory.CreateFromPrompt(File.ReadAllText(path), settings, functionName: "grounded_answer");
        var breakFor = TimeSpan.FromSeconds(this.options.BreakSeconds);
        breaker = new ResiliencePipelineBuilder { TimeProvider = time }.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            // Half of at least four calls within the window failed: the endpoint is down, slow or broken.
            FailureRatio = 0.5, MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(this.options.TimeoutSeconds * 2, 30)),
            BreakDuration = breakFor,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsEndpointFailure(e, args.Context.CancellationToken)),
            OnOpened = _ => { LogOpened(logger, breakFor.TotalSeconds); return ValueTask.CompletedTask; },
            OnClosed = _ => { LogClosed(logger); return ValueTask.CompletedTask; },
        }).Build();
    }

    /// <summary>What calling the endpoint can fail with, as opposed to the caller giving up.</summary>
    public static bool IsEndpointFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpOperationException or System.ClientModel.ClientResultException or HttpRequestException or KernelException or AggregateException
            or System.Text.Json.JsonException or InvalidOperationException or TimeoutException or UnverifiableReplyException or BrokenCircuitException
        || e is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    /// <summary>The verified answer; throws when the endpoint fails, its reply has nothing verifiable, or the breaker is open.</summary>
    public async Task<AnswerDraft> AnswerAsync(Kernel kernel, string question, string language, IReadOnlyList<SearchHit> passages, CancellationToken cancellationToken) =>
        await breaker.ExecuteAsync(async token =>
        {
            var raw = await CompleteAsync(kernel, question, language, passages, token);
            var draft = CitationGuard.Verify(raw, passages, language);
            if (draft.Refused && !raw.Contains(CitationGuard.NotInTexts, StringComparison.Ordinal)) throw new UnverifiableReplyException();
            return draft;
        }, cancellationToken);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM endpoint keeps failing: the offline engine answers alone for {Seconds:0} s, then one question tries the endpoint again")]
    static partial void LogOpened(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The LLM endpoint answers again")]
    static partial void LogClosed(ILogger logger);
}

/// <summary>The model replied, but with no claim the passages support and without saying the texts do not answer.</summary>
public sealed class UnverifiableReplyException() : Exception("The reply cites nothing the passages support.");
