using System.Text.RegularExpressions;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// Acronyms the texts spell out: every run of capitalised words ("European Union", "Secretary of
/// State") is filed under its initials ("eu", "sos"), so that a question's "EU" finds the passages
/// that write the name in full.
/// </summary>
public static partial class Acronyms
{
    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+(?:\s+(?:(?:of|the|for|and|van|de|het|voor|en)\s+)?\p{Lu}\p{Ll}+){1,4}")]
    private static partial Regex CapitalisedRun();

    static readonly HashSet<string> Connectors = ["of", "the", "for", "and", "van", "de", "het", "voor", "en"];

    /// <summary>Initials (lower case) of each capitalised run in the text, with the run's analysed terms.</summary>
    public static IEnumerable<(string Acronym, List<string> Terms)> Find(string text, string language)
    {
        foreach (Match run in CapitalisedRun().Matches(text))
        {
            var words = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Connectors.Contains(w)).ToList();
            if (words.Count is < 2 or > 5) continue;
            yield return (string.Concat(words.Select(w => char.ToLowerInvariant(w[0]))), TextAnalysis.Terms(string.Join(' ', words), language));
        }
    }

    public static bool IsAcronym(string word) => word.Length is >= 2 and <= 5 && word.All(char.IsUpper);
}
