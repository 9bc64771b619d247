using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace TalksBot.Answer;

/// <summary>Logs and times every kernel function an answer goes through, whatever the engine. Never logs the question or the passages.</summary>
public sealed partial class AnswerTimingFilter(ILogger<AnswerTimingFilter> logger) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await next(context);
            LogInvoked(logger, context.Function.Name, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, context.Function.Name, watch.Elapsed.TotalMilliseconds, e.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kernel function {Function} answered in {ElapsedMs:0.0} ms")]
    static partial void LogInvoked(ILogger logger, string function, double elapsedMs);

    // Debug: the answering service warns about the failure it handles, with its reason, once.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Kernel function {Function} failed after {ElapsedMs:0.0} ms ({Error})")]
    static partial void LogFailed(ILogger logger, string function, double elapsedMs, string error);
}
