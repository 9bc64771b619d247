using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalksBot.Llm;

/// <summary>
/// Stops calling an LLM endpoint that keeps failing: after three failures in a row it is left alone
/// for OpenAI:BreakSeconds, so people get the offline answer at once instead of each waiting out a
/// timeout. Then one question tries the endpoint (the others still get the offline answer while it
/// does); a success closes the breaker, a failure opens it for another break.
/// </summary>
/// <remarks>
/// Failures in a row rather than a failure ratio over a window: a slow endpoint reports its
/// failures only as timeouts expire, by when a ratio is still diluted by the successes before.
/// </remarks>
public sealed partial class LlmBreaker(IOptions<OpenAIOptions> options, TimeProvider time, ILogger<LlmBreaker> logger)
{
    public const int FailuresToOpen = 3;
    readonly Lock gate = new();
    int failures;
    DateTimeOffset? openUntil;
    bool probing;

    /// <summary>Whether a call may go to the endpoint now; every true must end in Succeeded, Failed or Abandoned.</summary>
    public bool TryEnter()
    {
        lock (gate)
        {
            if (openUntil is null) return true;
            if (probing || time.GetUtcNow() < openUntil) return false;
            probing = true;
            return true;
        }
    }

    public void Succeeded()
    {
        lock (gate)
        {
            if (openUntil is not null) LogClosed(logger);
            (failures, openUntil, probing) = (0, null, false);
        }
    }

    public void Failed()
    {
        lock (gate)
        {
            failures++;
            // Calls that were already under way when it opened do not lengthen the break.
            if (probing || openUntil is null && failures >= FailuresToOpen)
            {
                openUntil = time.GetUtcNow().AddSeconds(options.Value.BreakSeconds);
                probing = false;
                LogOpened(logger, failures, options.Value.BreakSeconds);
            }
        }
    }

    /// <summary>The caller gave up (not the endpoint's fault): a probe it was making is free to go again.</summary>
    public void Abandoned()
    {
        lock (gate) probing = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM endpoint failed {Failures} times in a row: the offline engine answers alone for {Seconds} s, then one question tries the endpoint again")]
    static partial void LogOpened(ILogger logger, int failures, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The LLM endpoint answers again")]
    static partial void LogClosed(ILogger logger);
}

/// <summary>The breaker is open: the endpoint is not being called for now.</summary>
public sealed class LlmPausedException() : Exception("The LLM endpoint is paused after repeated failures.");
