using Microsoft.SemanticKernel;
using TalksBot.Answer;

namespace TalksBot.Extractive;

/// <summary>The offline engine (<see cref="ExtractiveAnswerer"/>) invoked through the kernel as a function, so its calls are timed and filtered like a model's.</summary>
public sealed class ExtractiveEngine(Kernel kernel, ExtractiveAnswerer extractive) : IAnswerEngine
{
    public const string EngineName = "extractive";

    public string Name => EngineName;

    // Made once: making a kernel function describes its parameters (a JSON schema), which cost more than many an answer.
    // It takes the kernel arguments whole, which the kernel hands over as they are.
    KernelFunction? function;

    KernelFunction Function => function ??= KernelFunctionFactory.CreateFromMethod((KernelArguments arguments) =>
        {
            var request = (EngineRequest)arguments["request"]!;
            return extractive.Answer(request.Index, request.Question, request.Language, request.Hits, request.Previous, request.Known, request.Vector);
        },
        "extractive_answer", "Answers from the retrieved passages with verbatim sentences.");

    public async Task<EngineAnswer> AnswerAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(Function, new KernelArguments { ["request"] = request }, cancellationToken);
        var draft = result.GetValue<AnswerDraft>()!;
        // The same guard as for any engine; extractive quotes pass it by construction.
        var hits = request.Hits;
        return new(draft.Refused ? draft
            : draft with { Citations = [.. draft.Citations.Where(c => hits.Any(h => h.Passage.Chunk.Source == c.Source && h.Passage.Chunk.Text.Contains(c.Quote)))] }, Name);
    }
}
