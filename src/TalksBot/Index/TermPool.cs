namespace TalksBot.Index;

/// <summary>
/// One string instance per distinct term. A corpus has tens of thousands of distinct terms but
/// millions of occurrences; without this each occurrence would be a string of its own.
/// </summary>
public sealed class TermPool
{
    readonly Dictionary<string, string> terms = new(StringComparer.Ordinal);

    public string Intern(string term)
    {
        if (terms.TryGetValue(term, out var shared)) return shared;
        terms[term] = term;
        return term;
    }
}
