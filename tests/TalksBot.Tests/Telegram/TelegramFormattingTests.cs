using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Telegram;
using TalksBot.Tests.Fakes;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

public class TelegramFormattingTests
{
    static void AssertBalanced(string html)
    {
        var stack = new Stack<string>();
        foreach (Match tag in Regex.Matches(html, @"<(/?)(\w+)[^>]*>"))
            if (tag.Groups[1].Value == "") stack.Push(tag.Groups[2].Value);
            else Assert.Equal(stack.Pop(), tag.Groups[2].Value);
        Assert.Empty(stack);
        Assert.DoesNotMatch(@"&(?!amp;|lt;|gt;)", html);
    }

    static global::TalksBot.Answer.Answer Answer(string text, params Citation[] citations) =>
        new("q", "en", text, false, 1, citations, [], "extractive", new Dictionary<string, double>());

    [Fact]
    public void TheWordsThatAnswerAreBoldInTheQuoteAndTheRestStaysEscaped()
    {
        const string quote = "The <new> route carried 4,500 passengers in its first week.";
        var messages = TelegramFormatter.Answer(Answer("The new route carried 4,500 passengers. [1]",
            new Citation(1, "a.txt", "Ferry", null, quote, 0, 0, quote.Length, new TalksBot.Ingest.TextSpan(24, 29))));

        var message = Assert.Single(messages);
        AssertBalanced(message);
        Assert.Contains("<blockquote expandable>The &lt;new&gt; route carried <b>4,500</b> passengers in its first week.</blockquote>", message);
    }

    [Theory]
    [InlineData("https://gazette.example/harbour?id=7&from=feed", "2026-11-29T07:30:00Z", "<a href=\"https://gazette.example/harbour?id=7&amp;from=feed\">Harbour reopens — Coast Gazette</a>, 2026-11-29")]
    [InlineData("javascript:alert(1)", "May 16, 2025", "[1] Harbour reopens — Coast Gazette, 2025-05-16")]
    [InlineData(null, "sometime in spring", "[1] Harbour reopens — Coast Gazette, sometime in spring")]
    public void ASourceLineLinksToItsPageAndSaysItsDate(string? url, string date, string expected)
    {
        const string quote = "The harbour reopened on Monday.";
        var message = Assert.Single(TelegramFormatter.Answer(Answer("The harbour reopened on Monday. [1]",
            new Citation(1, "a.html", "Harbour reopens", "Coast Gazette", quote, 0, 0, quote.Length, Url: url, Published: date))));
        AssertBalanced(message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("javascript", message);
    }

    [Fact]
    public void AnAnswerOverTheLimitIsSplitBetweenWholeSentencesAndTags()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("The harbour <reopened> & the ferries ran.", 12));
        var quote = string.Join(' ', Enumerable.Repeat("A very long quoted sentence about the harbour & its ferries.", 120));
        var answer = Answer(string.Join(" ", Enumerable.Range(0, 20).Select(i => $"Sentence {i}: {sentence} [1]")),
            new Citation(1, "a.txt", "Harbour <News>", "Daily & Co", quote, 0, 0, quote.Length));

        var messages = TelegramFormatter.Answer(answer);

        Assert.True(messages.Count > 2);
        Assert.All(messages, m => Assert.InRange(m.Length, 1, TelegramFormatter.MaxMessageLength));
        Assert.All(messages, AssertBalanced);
        var all = string.Join(" ", messages);
        Assert.Contains("Sentence 19:", all);
        Assert.Contains("&lt;reopened&gt; &amp; the ferries", all);
        Assert.Contains("Harbour &lt;News&gt; — Daily &amp; Co", all);
        Assert.Equal(120, Regex.Matches(all, "quoted sentence").Count);
        // Every message that goes on with the answer starts at one of its sentences, until the sources begin.
        var sourcesAt = messages.FindIndex(m => m.Contains("<b>Sources</b>"));
        Assert.True(sourcesAt > 0, "the sources header is missing");
        const string SentenceStart = @"^(Sentence \d+:|The harbour &lt;reopened&gt;)"; // the two ways a sentence of this answer begins
        Assert.All(messages.Skip(1).Take(sourcesAt - 1), m => Assert.Matches(SentenceStart, m));
        Assert.Matches(SentenceStart + "|^<b>Sources</b>", messages[sourcesAt]);
    }

    [Fact]
    public async Task AnAnswerOverTheLimitArrivesInSeveralWholeMessagesTheFirstReplyingToTheQuestion()
    {
        // Three long sentences about the same plan, each with words of its own.
        var text = "Plan Report\n" + string.Join(" ", Enumerable.Range(1, 3).Select(i =>
            $"The harbour ferry plan part {i} includes " + string.Join(", ", Enumerable.Range(1, 220).Select(k => $"item{i}x{k} & <more>")) + "."));
        await using var bot = await TelegramApp.StartAsync(withSeeds: false, seed: folder => File.WriteAllText(Path.Combine(folder, "plan.txt"), text));
        var update = bot.Server.Push(FakeTelegramServer.Text(7, "What does the harbour ferry plan include?", messageId: 9));

        await bot.Server.WaitForHandledAsync(update);

        var sent = bot.Server.Sent.ToList();
        Assert.True(sent.Count >= 3, $"{sent.Count} messages");
        Assert.Equal(9, sent[0]["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.All(sent.Skip(1), s => Assert.Null(s["reply_parameters"]));
        var texts = sent.Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.All(texts, t => Assert.InRange(t.Length, 1, TelegramFormatter.MaxMessageLength));
        Assert.All(texts, AssertBalanced);
        Assert.Contains("item3x220 &amp; &lt;more&gt;", string.Concat(texts));
    }

    [Fact]
    public async Task HtmlInSourcesAndQuestionsIsEscapedEndToEnd()
    {
        await using var bot = await TelegramApp.StartAsync(withSeeds: false, seed: folder => File.WriteAllText(Path.Combine(folder, "a.txt"),
            "Markup <Report> & More\nThe <b>harbour</b> & the <script>ferry</script> reopened on Monday."));
        bot.Server.Push(FakeTelegramServer.Text(7, "When did the <b>harbour</b> & ferry reopen?", messageId: 1));

        var text = (await bot.Server.WaitForSentAsync(1))[0]["text"]!.GetValue<string>();

        Assert.Contains("The &lt;b&gt;harbour&lt;/b&gt; &amp; the &lt;script&gt;ferry&lt;/script&gt; reopened on Monday.", text);
        Assert.Contains("Markup &lt;Report&gt; &amp; More", text);
        AssertBalanced(text);
    }
}
