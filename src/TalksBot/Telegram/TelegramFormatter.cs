using System.Text;
using TalksBot.Answer;
using TalksBot.Ingest;

namespace TalksBot.Telegram;

/// <summary>
/// Answers as Telegram HTML: the answer first, then the sources as "[n] title — outlet" with the
/// quote in an expandable blockquote, the words that answer in bold. Everything from a source or a user is escaped. Messages stay
/// within Telegram's 4,096 characters and are split between whole blocks (sentences, source
/// entries), so no tag is ever cut; a block too long on its own is split between words, each piece
/// in its own complete tags.
/// </summary>
public static class TelegramFormatter
{
    public const int MaxMessageLength = 4096;

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    static string Attribute(string text) => Escape(text).Replace("\"", "&quot;");

    public static List<string> Answer(Answer.Answer answer)
    {
        var dutch = answer.Language == LanguageDetector.Dutch;
        var blocks = AnswerSentences.Of(answer.Text).SelectMany(s => Wrapped("", " ", s)).ToList();
        if (answer.Citations.Count > 0)
        {
            blocks.Add("\n\n<b>" + (dutch ? "Bronnen" : "Sources") + "</b>\n");
            foreach (var c in answer.Citations)
                blocks.AddRange(Wrapped($"[{c.N}] " + (c.Link is { } link ? $"<a href=\"{Attribute(link)}\">" : ""), c.Link is null ? "" : "</a>",
                        $"{c.Title}{(c.Outlet is null ? "" : " — " + c.Outlet)}")
                    .Append(c.Day is { } day ? $", {Escape(day)}\n" : "\n")
                    .Concat(Quote(c)));
        }
        return Pack(blocks);
    }

    /// <summary>The quote in a blockquote, its answering words in bold when it fits one message whole (a tag is never split).</summary>
    static IEnumerable<string> Quote(Citation c)
    {
        const string open = "<blockquote expandable>", close = "</blockquote>\n";
        if (c.Highlight is not { } h || open.Length + close.Length + 7 + c.Quote.Length * 5 > MaxMessageLength)
            return Wrapped(open, close, c.Quote);
        return [$"{open}{Escape(c.Quote[..h.Start])}<b>{Escape(c.Quote[h.Start..h.End])}</b>{Escape(c.Quote[h.End..])}{close}"];
    }

    /// <summary>Plain text for the bot's own messages, escaped and split the same way.</summary>
    public static List<string> Text(string text) => Pack([.. Wrapped("", "", text)]);

    /// <summary>The text escaped inside open/close tags, as one block or, when too long, several complete ones.</summary>
    static IEnumerable<string> Wrapped(string open, string close, string text)
    {
        var room = MaxMessageLength - open.Length - close.Length;
        var piece = new StringBuilder();
        // Escaping grows a character to five at most, so raw pieces of room / 5 always fit.
        var words = text.Split(' ').SelectMany(w => w.Chunk(room / 5).Select(c => new string(c)));
        foreach (var word in words)
        {
            var escaped = Escape(word);
            if (piece.Length > 0 && piece.Length + 1 + escaped.Length > room)
            {
                yield return open + piece + close;
                piece.Clear();
            }
            if (piece.Length > 0) piece.Append(' ');
            piece.Append(escaped);
        }
        yield return open + piece + close;
    }

    /// <summary>Whole blocks into messages; no block is longer than a message (Wrapped sees to that).</summary>
    static List<string> Pack(List<string> blocks)
    {
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var block in blocks)
        {
            if (current.Length + block.Length > MaxMessageLength && current.Length > 0)
            {
                messages.Add(current.ToString().Trim());
                current.Clear();
            }
            current.Append(block);
        }
        if (current.ToString().Trim().Length > 0) messages.Add(current.ToString().Trim());
        return messages;
    }
}
