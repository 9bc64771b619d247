namespace TalksBot.Search;

/// <summary>An indexed term the query asks for, with its weight; variants count only in the variant signal, synonyms only in answering.</summary>
public readonly record struct QueryTerm(int TermId, float Weight, bool IsVariant, bool IsSynonym = false);
