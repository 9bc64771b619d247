using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>
/// The one answering service every front end uses: retrieve passages, have the configured engine
/// answer from them through the kernel, and check the result before anyone sees it.
/// </summary>
public sealed class AnswerService(
    Searcher searcher,
    KnowledgeBase knowledge,
    Kernel kernel,
    ExtractiveAnswerer extractive,
    IOptions<AnswerOptions> options)
{
    public async Task<Answer> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var language = LanguageDetector.Detect(question ?? "");
        if (string.IsNullOrWhiteSpace(question)) return Failed(question ?? "", language, AnswerTexts.EmptyQuestion(language));
        if (question.Length > o.MaxQuestionChars) return Failed(question, language, AnswerTexts.TooLong(language, o.MaxQuestionChars));

        var total = Stopwatch.StartNew();
        var index = await knowledge.GetAsync(cancellationToken);
        var found = await searcher.SearchAsync(question, o.Passages, cancellationToken);
        var searchMs = total.Elapsed.TotalMilliseconds;

        var draft = await ExtractiveAsync(index, question, language, found.Hits, cancellationToken);
        var timings = new Dictionary<string, double>
        {
            ["search"] = searchMs, ["answer"] = total.Elapsed.TotalMilliseconds - searchMs, ["total"] = total.Elapsed.TotalMilliseconds,
        };
        return new Answer(question, language, draft.Text, draft.Refused, draft.Support, draft.Citations, found.Hits, "extractive", timings);
    }

    async Task<AnswerDraft> ExtractiveAsync(SearchIndex index, string question, string language, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var function = KernelFunctionFactory.CreateFromMethod(
            () => extractive.Answer(index, question, language, hits), "extractive_answer", "Answers from the retrieved passages with verbatim sentences.");
        var result = await kernel.InvokeAsync(function, cancellationToken: cancellationToken);
        return result.GetValue<AnswerDraft>()!;
    }

    static Answer Failed(string question, string language, string error) =>
        new(question, language, "", false, 0, [], [], "none", new Dictionary<string, double>(), error);
}
