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
    /// <param name="wordTerms">
    /// Terms of the words seen before, by language: analysis goes token by token and each word of a run is
    /// one token, so a word's terms are the same in every run, and names recur through a corpus.
    /// </param>
    public static IEnumerable<(string Acronym, List<string> Terms)> Find(string text, string language, Dictionary<(string Language, string Word), List<string>> wordTerms)
    {
        foreach (Match run in CapitalisedRun().Matches(text))
        {
            var words = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Connectors.Contains(w)).ToList();
            if (words.Count is < 2 or > 5) continue;
            var terms = new List<string>();
            foreach (var word in words)
            {
                if (!wordTerms.TryGetValue((language, word), out var known)) wordTerms[(language, word)] = known = TextAnalysis.Terms(word, language);
                terms.AddRange(known);
            }
            yield return (string.Concat(words.Select(w => char.ToLowerInvariant(w[0]))), terms);
        }
    }

    public static bool IsAcronym(string word) => word.Length is >= 2 and <= 5 && word.All(char.IsUpper);
}
