using System.Globalization;
using System.Text.RegularExpressions;

namespace TalksBot.Extractive;

/// <summary>
/// Questions about the state of things now ("so far", "latest", "currently"; "tot nu toe", "momenteel"): the
/// texts are reports of different days, and such a question wants the newest report's account, with its date.
/// </summary>
public static partial class Recency
{
    // English and Dutch words and phrases that ask for the present or the newest state.
    [GeneratedRegex(@"\b(now|currently|current|latest|newest|most recent|recent|recently|lately|today|so far|to date|as of|at the moment|at present|these days|" +
        @"nu|momenteel|huidige?|laatste|recente?|onlangs|vandaag|inmiddels|tot nu toe|tot dusver|op dit moment|thans)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Latest();

    public static bool AsksForLatest(string question) => Latest().IsMatch(question);

    /// <summary>
    /// The question without its words of time, which say which report to prefer, not what to find: "so far" in an
    /// old report's sentence is no reason to quote it, and no sentence says "latest" of what it reports.
    /// </summary>
    public static string WithoutTimeWords(string question) =>
        Latest().Replace(question, " ") is var rest && rest.Any(char.IsLetter) ? string.Join(' ', rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : question;

    /// <summary>A source's date, where it reads as one.</summary>
    public static DateTimeOffset? DateOf(string? published) =>
        published is not null && DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
