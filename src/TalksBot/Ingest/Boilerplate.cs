using System.Buffers;
using System.Text.RegularExpressions;

namespace TalksBot.Ingest;

/// <summary>
/// Recognises lines of scraped web pages that are page furniture rather than the article: comment
/// forms, share bars, author boxes, tag and label lists. The rules follow the cues that boilerplate
/// removers such as jusText and trafilatura use (short lines, no sentence punctuation, interface
/// vocabulary, position at the end of the page), so they carry to pages other than ours.
/// </summary>
public static partial class Boilerplate
{
    // Words of web-page interfaces (English and Dutch), not of news prose.
    static readonly HashSet<string> InterfaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "share", "discuss", "chat", "mail", "email", "e-mail", "print", "copy", "link", "copy link", "tweet",
        "facebook", "twitter", "x", "whatsapp", "linkedin", "reddit", "telegram", "pinterest", "comment",
        "comments", "save", "bookmark", "reply", "like", "follow", "subscribe", "delen", "reageer", "reageren",
        "opslaan", "mailen", "printen", "kopieer link", "link kopiëren",
    };

    // Phrases of interfaces at the start of a line, and anywhere in it. Apart, since every line of every
    // text is tried: the first is tried at one place only, the second only where one of its words is.
    [GeneratedRegex(
        @"^\d+ comments?\b|^about the author$|^(share|share this( article| story)?|print|email|copy link)$" +
        @"|^(related( articles| posts| stories)?|read more|advertisement|sponsored|subscribe\b.*newsletter)" +
        @"|^(tags?|labels?|categories|filed under)\b|^reacties?$|^(deel dit|lees meer|gerelateerd)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingInterfacePhrase();

    [GeneratedRegex(
        @"\b(leave|post|add|write|submit) (a |your )?(reply|comment|response)\b" +
        @"|\bno comments\b|\bcomments? (are )?closed\b" +
        @"|\byour email address will not be published\b|\brequired fields are marked\b" +
        @"|\bonly (a )?members? of this (blog|site) (may|can)\b" +
        @"|\blaat een reactie achter\b|\bgeef een reactie\b" +
        @"|\buw e-?mailadres wordt niet gepubliceerd\b|\bverplichte velden zijn gemarkeerd\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterfacePhrase();

    /// <summary>A word every match of <see cref="InterfacePhrase"/> has.</summary>
    static readonly SearchValues<string> InterfacePhraseWords = SearchValues.Create(
        ["reply", "comment", "response", "published", "required", "member", "reactie", "mailadres", "verplichte"], StringComparison.OrdinalIgnoreCase);

    static bool HasInterfacePhrase(string line) =>
        LeadingInterfacePhrase().IsMatch(line) || line.AsSpan().IndexOfAny(InterfacePhraseWords) >= 0 && InterfacePhrase().IsMatch(line);

    /// <summary>Is this line (trimmed) page furniture wherever it stands?</summary>
    public static bool IsBoilerplate(string line)
    {
        line = line.Trim();
        return line.Length > 0 && (HasInterfacePhrase(line) || IsShareBar(line));
    }

    /// <summary>A list of three or more short items, most of them interface words: "Share, Mail, Print".</summary>
    static readonly char[] ShareBarSeparators = [',', '|', '·', '•', '/'];

    static bool IsShareBar(string line)
    {
        // A paragraph has some stretch of over 20 characters between separators: passed over without splitting it up.
        foreach (var range in line.AsSpan().SplitAny(ShareBarSeparators))
            if (line.AsSpan()[range].Trim().Length > 20) return false;
        var items = line.Split(ShareBarSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length < 3 || items.Any(i => i.Length > 20 || i.Split(' ').Length > 2)) return false;
        return items.Count(InterfaceWords.Contains) * 2 > items.Length;
    }

    /// <summary>
    /// A short line without sentence punctuation: a heading, a tag, a widget title. At the end of a
    /// page, after the last real paragraph, such lines are furniture.
    /// </summary>
    public static bool IsFragment(string line)
    {
        line = line.Trim();
        if (line.Length == 0) return true;
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var last = line[^1];
        return words <= 6 && last is not ('.' or '!' or '?' or '"' or '”' or '’' or '…');
    }
}
