using System.Collections.Concurrent;

namespace TalksBot.Search;

/// <summary>
/// One string instance per distinct term. A corpus has tens of thousands of distinct terms but
/// millions of occurrences; without this each occurrence would be a string of its own.
/// </summary>
public sealed class TermPool
{
    readonly ConcurrentDictionary<string, string> terms = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    public TermPool() => bySpan = terms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pooled string for these characters, made only the first time they are seen.</summary>
    /// <remarks>Safe from several threads: a reindex analyses files on every core.</remarks>
    public string Intern(ReadOnlySpan<char> term)
    {
        if (bySpan.TryGetValue(term, out var shared)) return shared;
        var made = term.ToString();
        return terms.GetOrAdd(made, made);
    }
}
