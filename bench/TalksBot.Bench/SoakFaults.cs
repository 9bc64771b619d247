using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TalksBot.Fakes;

namespace TalksBot.Bench;

/// <summary>
/// The faults of a soak run, on a timeline that scales with its length. The LLM endpoint is
/// healthy, then down (connections refused), slow (past the bot's timeout), answering garbage
/// (an HTML page, text citing nothing, a body cut short), then healthy again; meanwhile Telegram
/// turns sends away in bursts of 502s and of 429s with retry_after.
/// </summary>
public sealed class SoakFaults(FakeOpenAIServer llm, FakeTelegramServer telegram, TimeSpan duration, int timeoutSeconds)
{
    public static readonly (string Name, double From, double To)[] LlmPhases =
        [("LLM healthy", 0, 0.1), ("LLM down", 0.1, 0.35), ("LLM slow", 0.35, 0.6), ("LLM garbage", 0.6, 0.85), ("LLM healthy again", 0.85, 1)];

    public static readonly (double At, int Code)[] TelegramBursts = [(0.2, 502), (0.45, 429), (0.7, 502), (0.9, 429)];
    public const double BurstLength = 0.05;

    /// <summary>After the last question: the answers still on their way, with the LLM healthy.</summary>
    public const string Draining = "after the last question";

    /// <summary>Runs the timeline; <paramref name="phaseStarted"/> is called as each LLM phase begins, and with <see cref="Draining"/> at the end.</summary>
    public async Task RunAsync(Func<string, Task> phaseStarted, CancellationToken cancellationToken)
    {
        var events = new List<(double At, Func<Task> Act)>();
        foreach (var (name, from, to) in LlmPhases)
        {
            events.Add((from, async () => { await SetLlmAsync(name, 0); await phaseStarted(name); }));
            if (name == "LLM garbage")
                for (var kind = 1; kind < 3; kind++)
                {
                    var k = kind;
                    events.Add((from + (to - from) * k / 3, () => SetLlmAsync(name, k)));
                }
        }
        foreach (var (at, code) in TelegramBursts)
            events.Add((at, () =>
            {
                telegram.Outage(code, duration * BurstLength, code == 429 ? 2 : null);
                return Task.CompletedTask;
            }));
        events.Add((1, async () => { await SetLlmAsync("LLM healthy", 0); await phaseStarted(Draining); }));

        var start = DateTime.UtcNow;
        foreach (var (at, act) in events.OrderBy(e => e.At))
        {
            var wait = start + duration * at - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            await act();
        }
    }

    async Task SetLlmAsync(string phase, int garbageKind)
    {
        llm.ChatDelay = TimeSpan.Zero;
        llm.GarbageBody = null;
        llm.CutChatShort = false;
        llm.Reply = FromFirstPassage;
        switch (phase)
        {
            case "LLM down":
                await llm.GoDownAsync();
                return;
            case "LLM slow":
                llm.ChatDelay = TimeSpan.FromSeconds(timeoutSeconds * 2);
                break;
            case "LLM garbage" when garbageKind == 0:
                llm.GarbageBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";
                break;
            case "LLM garbage" when garbageKind == 1:
                llm.Reply = _ => "As an AI language model I think the answer is probably yes.";
                break;
            case "LLM garbage":
                llm.CutChatShort = true;
                break;
        }
        await llm.ComeBackAsync();
    }

    /// <summary>A model that always answers with the first sentence of the first passage it was given, citing it.</summary>
    public static string FromFirstPassage(JsonNode request)
    {
        var user = request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        var first = Regex.Match(user, @"(?m)^\[1\] [^\n]*\n([^\n]+)");
        if (!first.Success) return "NOT_IN_TEXTS";
        var sentence = Regex.Match(first.Groups[1].Value, @"^.+?[.!?](?=\s|$)");
        return (sentence.Success ? sentence.Value : first.Groups[1].Value) + " [1]";
    }
}
