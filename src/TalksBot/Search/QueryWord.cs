namespace TalksBot.Search;

/// <summary>
/// A content word of a question with the index terms that stand for it: its stem in the question's
/// language and in the other, its dictionary translations and its spelling variants, each weighted.
/// </summary>
public sealed record QueryWord(string Word, IReadOnlyList<QueryTerm> Forms)
{
    /// <summary>True when some form of the word is in the index.</summary>
    public bool Known => Forms.Count > 0;
}
