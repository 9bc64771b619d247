using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Ingest;

namespace TalksBot.Discord;

/// <summary>
/// Answers as Discord messages within Discord's limits: the answer in embed descriptions (4,096
/// characters, split between sentences), the sources as fields ("[n] title — outlet", the quote
/// trimmed visibly with "…" when it must be), at most 6,000 embed characters a message. Markdown
/// from sources and users is escaped, and no message can ping anyone.
/// </summary>
public static partial class DiscordFormatter
{
    /// <summary>The message flag that shows a message to the asker alone.</summary>
    public const int Ephemeral = 64;

    const int DescriptionLimit = 4096, FieldNameLimit = 256, FieldValueLimit = 1024, MessageEmbedLimit = 6000, FieldsPerEmbed = 25, TitleLimit = 256;

    // What Discord's markdown gives meaning to; hyphens and parentheses of prose are left alone.
    [GeneratedRegex(@"([\\*_~`|>#\[\]<@])")]
    private static partial Regex Markdown();

    public static string Escape(string text) => Markdown().Replace(text, @"\$1");

    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };

    public static JsonObject Text(string text) => new() { ["content"] = Trim(Escape(text), 2000), ["allowed_mentions"] = NoMentions() };

    /// <summary>One or more message bodies; the first edits the deferred response, the rest follow it.</summary>
    public static List<JsonObject> Answer(Answer.Answer answer)
    {
        var dutch = answer.Language == LanguageDetector.Dutch;
        var descriptions = Pieces(answer.Text);
        var fields = answer.Citations.Select(c => new JsonObject
        {
            ["name"] = Trim($"[{c.N}] " + Escape($"{c.Title}{(c.Outlet is null ? "" : " — " + c.Outlet)}{(c.Day is null ? "" : ", " + c.Day)}"), FieldNameLimit),
            // A masked link, its parenthesis escaped so that the link ends where it should; an overlong one is left out.
            ["value"] = c.Link is { Length: < 500 } link ? Trim(Quote(c), FieldValueLimit - link.Length - 16) + $"\n[link](<{link.Replace(")", "%29")}>)" : Quote(c),
        }).ToList();

        var messages = new List<JsonObject>();
        var embeds = new JsonArray();
        var used = 0;
        void Flush()
        {
            if (embeds.Count == 0) return;
            messages.Add(new JsonObject { ["embeds"] = embeds, ["allowed_mentions"] = NoMentions() });
            embeds = [];
            used = 0;
        }
        var title = Trim(Escape(answer.Question), TitleLimit);
        foreach (var description in descriptions)
        {
            if (used + description.Length + title.Length > MessageEmbedLimit || embeds.Count == 10) Flush();
            embeds.Add(new JsonObject { ["title"] = title, ["description"] = description });
            used += description.Length + title.Length;
        }
        var sourcesTitle = dutch ? "Bronnen" : "Sources";
        JsonObject? sources = null;
        foreach (var field in fields)
        {
            var size = field["name"]!.GetValue<string>().Length + field["value"]!.GetValue<string>().Length;
            if (sources is null || used + size > MessageEmbedLimit || sources["fields"]!.AsArray().Count == FieldsPerEmbed)
            {
                if (used + size + sourcesTitle.Length > MessageEmbedLimit || embeds.Count == 10) Flush();
                sources = new JsonObject { ["title"] = sourcesTitle, ["fields"] = new JsonArray() };
                embeds.Add(sources);
                used += sourcesTitle.Length;
            }
            sources["fields"]!.AsArray().Add(field);
            used += size;
        }
        Flush();
        return messages;
    }

    /// <summary>The answer escaped, in pieces of at most 4,096 characters between sentences.</summary>
    static List<string> Pieces(string text)
    {
        var pieces = new List<string> { "" };
        foreach (var one in AnswerSentences.Of(text))
        {
            var sentence = Trim(Escape(one), DescriptionLimit);
            if (pieces[^1].Length + sentence.Length + 1 > DescriptionLimit) pieces.Add("");
            pieces[^1] = pieces[^1].Length == 0 ? sentence : pieces[^1] + " " + sentence;
        }
        return pieces.Where(p => p.Length > 0).DefaultIfEmpty(Escape(text)).ToList();
    }

    /// <summary>The quote, its answering words in bold when the whole of it fits the field (a cut could leave a ** open).</summary>
    static string Quote(Citation c)
    {
        if (c.Highlight is { } h)
        {
            var marked = $"> {Escape(c.Quote[..h.Start])}**{Escape(c.Quote[h.Start..h.End])}**{Escape(c.Quote[h.End..])}";
            if (marked.Length <= FieldValueLimit) return marked;
        }
        return Trim("> " + Escape(c.Quote), FieldValueLimit);
    }

    /// <summary>Cut to the limit with a visible "…", never inside an escape.</summary>
    static string Trim(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = text[..(limit - 1)];
        if (cut.EndsWith('\\')) cut = cut[..^1];
        return cut + "…";
    }
}
