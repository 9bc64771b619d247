using TalksBot.Answer;
using TalksBot.Discord;

namespace TalksBot.Tests.Discord;

public class DiscordFormattingTests
{
    [Fact]
    public void ALongAnswerStaysWithinDiscordsLimitsAndTrimsQuotesVisibly()
    {
        var sentence = "The *harbour* plan @everyone includes `code` and _more_ items for the ferries.";
        var text = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"Part {i}: {sentence} [1]"));
        var quote = string.Concat(Enumerable.Repeat("A very long quoted sentence about the harbour. ", 60));
        var citations = Enumerable.Range(1, 6).Select(n => new Citation(n, "a.txt", "Harbour *News*", "Daily_Co", quote, 0, 0, quote.Length)).ToArray();
        var answer = new global::TalksBot.Answer.Answer("How big is the plan?", "en", text, false, 1, citations, [], "extractive", new Dictionary<string, double>());

        var messages = DiscordFormatter.Answer(answer);

        Assert.True(messages.Count > 1);
        foreach (var message in messages)
        {
            var embeds = message["embeds"]!.AsArray();
            Assert.InRange(embeds.Count, 1, 10);
            var total = 0;
            foreach (var embed in embeds)
            {
                var description = embed!["description"]?.GetValue<string>() ?? "";
                Assert.InRange(description.Length, 0, 4096);
                total += description.Length + (embed["title"]?.GetValue<string>().Length ?? 0);
                foreach (var field in embed["fields"]?.AsArray() ?? [])
                {
                    var value = field!["value"]!.GetValue<string>();
                    Assert.InRange(value.Length, 1, 1024);
                    total += value.Length + field["name"]!.GetValue<string>().Length;
                }
            }
            Assert.InRange(total, 1, 6000);
            Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        }
        var all = string.Join(" ", messages.Select(m => m.ToJsonString()));
        Assert.Contains(@"Part 199:", all);
        // Each description goes on at one of the answer's sentences, its citation marker kept with the sentence before.
        var descriptions = messages.SelectMany(m => m["embeds"]!.AsArray()).Select(e => e!["description"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.True(descriptions.Count > 1);
        Assert.All(descriptions, d => Assert.Matches(@"^Part \d+:", d));
        Assert.All(descriptions, d => Assert.Matches(@"\\?\[1\\?\]$", d)); // "[1]", escaped for Markdown
        Assert.Contains(@"\\*harbour\\*", all);
        Assert.Contains(@"\\@everyone", all);
        var fields = messages.SelectMany(m => m["embeds"]!.AsArray()).SelectMany(e => e!["fields"]?.AsArray() ?? []).ToList();
        Assert.Equal(6, fields.Count);
        Assert.All(fields, f => Assert.EndsWith("…", f!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void TheWordsThatAnswerAreBoldInTheQuoteAndTheRestStaysEscaped()
    {
        const string quote = "The *new* route carried 4,500 passengers in its first week.";
        var answer = new global::TalksBot.Answer.Answer("How many?", "en", "The new route carried 4,500 passengers in its first week. [1]", false, 1,
            [new Citation(1, "a.txt", "Ferry", null, quote, 0, 0, quote.Length, new TalksBot.Ingest.TextSpan(24, 29))], [], "extractive", new Dictionary<string, double>());

        var field = DiscordFormatter.Answer(answer).SelectMany(m => m["embeds"]!.AsArray()).SelectMany(e => e!["fields"]?.AsArray() ?? []).Single();

        Assert.Equal(@"> The \*new\* route carried **4,500** passengers in its first week.", field!["value"]!.GetValue<string>());
    }

    [Fact]
    public void ASourceFieldNamesItsDateAndLinksToItsPage()
    {
        const string quote = "The harbour reopened on Monday.";
        var answer = new global::TalksBot.Answer.Answer("When?", "en", "The harbour reopened on Monday. [1]", false, 1,
            [new Citation(1, "a.html", "Harbour reopens", "Coast Gazette", quote, 0, 0, quote.Length, Url: "https://gazette.example/a_(b)", Published: "2026-11-29T07:30:00Z")],
            [], "extractive", new Dictionary<string, double>());

        var field = DiscordFormatter.Answer(answer).SelectMany(m => m["embeds"]!.AsArray()).SelectMany(e => e!["fields"]?.AsArray() ?? []).Single();

        Assert.Equal("[1] Harbour reopens — Coast Gazette, 2026-11-29", field!["name"]!.GetValue<string>());
        Assert.EndsWith("\n[link](<https://gazette.example/a_(b%29>)", field["value"]!.GetValue<string>());
    }
}
