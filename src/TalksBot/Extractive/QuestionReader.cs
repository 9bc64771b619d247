using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Search;

namespace TalksBot.Extractive;

/// <summary>What a content word of a question does in it.</summary>
public enum WordRole
{
    /// <summary>What is asked about: the answering sentence should say it.</summary>
    Focus,
    /// <summary>A name or a figure the question is bound to: it must hold in the sentence's article, and counts most in the sentence itself.</summary>
    Name,
    /// <summary>Taken as given ("Since the mayor resigned, who…"): the sentence or its neighbours may say it.</summary>
    Background,
    /// <summary>Carried over from the turn or part before.</summary>
    Context,
}

/// <param name="Importance">The word's rarity in the index (the IDF of its rarest form; an unknown word is as rare as can be).</param>
public sealed record AskedWord(QueryWord Word, WordRole Role, float Importance);

/// <summary>One question to answer: the kind of answer it asks for and its words, each with its part.</summary>
/// <param name="Head">The first word the part asks about: for "the name of the museum where…", the museum.</param>
/// <param name="Subject">The first name of the part with the names right after it ("Anna Berg"): who is asked about, or who spoke.</param>
/// <param name="Owned">Words the question ties to a name before them: in "Norway's chief envoy", both "chief" and "envoy" are Norway's.</param>
public sealed record AskedPart(string Text, AnswerKind Kind, IReadOnlyList<AskedWord> Words, AskedWord? Head, IReadOnlyList<AskedWord> Subject,
    IReadOnlyList<(AskedWord Owner, AskedWord Word)> Owned)
{
    public IEnumerable<AskedWord> Own => Words.Where(w => w.Role != WordRole.Context);
}

/// <summary>
/// Reads a question for the offline engine: splits a compound question ("…, and how did he…",
/// "X compared with Y") into parts answered one after the other, sets aside what a leading clause
/// takes as given or excludes ("Since…,", "Unlike…,", "…, besides…"), and tells names and figures,
/// which bind the answer, from the words that say what is asked.
/// </summary>
public sealed partial class QuestionReader(QueryBuilder queries)
{
    [GeneratedRegex(@"\s+(compared (with|to)|compare(s|d)? (with|to)|in comparison (with|to)|as opposed to|versus|vs\.?|differ(s|ed)? from|vergeleken met|in vergelijking met)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Comparator();

    [GeneratedRegex(@",\s*(?:and|en)\s+(?=(?:how|what|why|when|where|who|which|did|does|do|is|are|was|were|hoe|wat|waarom|wanneer|waar|wie|welke)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SecondQuestion();

    [GeneratedRegex(@"^(since|as|although|though|given( that)?|despite|in spite of|now that|aangezien|hoewel|ondanks)\b[^,?]*,", RegexOptions.IgnoreCase)]
    private static partial Regex Given();

    [GeneratedRegex(@"^(unlike|apart from|aside from|besides|other than|in addition to|anders dan|behalve|naast|afgezien van)\b[^,?]*,|,\s*(besides|apart from|aside from|other than|in addition to|unlike|behalve|naast|afgezien van)\b[^,?]*", RegexOptions.IgnoreCase)]
    private static partial Regex Excluded();

    // A closing phrase that sets the scene ("… after the second match"): the article often sets it once, for every sentence.
    // Not "before …": that asks after another time than the one the article tells of.
    [GeneratedRegex(@"\s(after|during|following|na|tijdens)\s+[^,?]*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex Setting();

    // Nouns that name the slot asked for ("on what date", "which year"): no sentence says "date".
    [GeneratedRegex(@"\b(what|which|welke|welk|the|de)\s+(date|day|year|percentage|share|proportion|name|position|post|title|job|age|time|number|datum|dag|jaar|naam|functie|leeftijd|tijd)(\s+(of|van))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex SlotNoun();

    [GeneratedRegex(AnswerKinds.Overviews, RegexOptions.IgnoreCase)]
    private static partial Regex OverviewPhrase();

    [GeneratedRegex(@"\b(" + Lexicon.SpeechVerbs + "|" + Lexicon.ViewingVerbs + "|" + Lexicon.DutchSpeechVerbs + "|" + Lexicon.DutchViewingVerbs + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();

    /// <summary>The parts of <paramref name="question"/>, in order; <paramref name="context"/> is the earlier question a follow-up leans on.</summary>
    /// <param name="known">Words worked out already for this question, in this language (by its search).</param>
    public List<AskedPart> Read(SearchIndex index, string question, string language, string? context = null, IReadOnlyList<QueryWord>? known = null)
    {
        var compared = Comparator().Match(question);
        string[] texts = compared.Success
            ? [question[..compared.Index], question[(compared.Index + compared.Length)..]]
            : SecondQuestion().Split(question);

        var parts = new List<AskedPart>();
        foreach (var text in texts.Where(t => t.Trim().Length > 0))
        {
            // A later part leans on the one before: "the Breda talks" after "how long did the Arnhem talks last".
            var before = parts.Count == 0 ? context : parts[^1].Text;
            // A part that asks nothing of its own kind asks what the one before asked: "and the Belgian one?" after "who leads…".
            var kind = parts.Count > 0 && compared.Success ? parts[0].Kind : AnswerKinds.Detect(text);
            if (kind == AnswerKind.Any && before is not null) kind = AnswerKinds.Detect(before);
            parts.Add(Part(index, question, text, language, kind, before, dropNames: compared.Success && parts.Count > 0, known));
        }
        return parts;
    }

    AskedPart Part(SearchIndex index, string question, string text, string language, AnswerKind kind, string? before, bool dropNames, IReadOnlyList<QueryWord>? known)
    {
        var main = Excluded().Replace(text, " ");
        var given = Given().Match(main);
        if (given.Success) main = main[(given.Index + given.Length)..];
        main = SlotNoun().Replace(main, "$1");
        if (kind == AnswerKind.Overview) main = OverviewPhrase().Replace(FollowUp.WithoutConnective(main), "");
        // "What did she say", "how did he describe it": the verb asks for a statement, which seldom repeats it.
        if (kind == AnswerKind.Statement) main = SpeechVerb().Replace(main, " ");

        var setting = Setting().Match(main);
        var scene = setting.Success ? QueryBuilder.Split(setting.Value).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        var words = new List<AskedWord>();
        foreach (var word in queries.Words(index, main, language, known))
            words.Add(new AskedWord(word, IsName(question, word.Word) ? WordRole.Name
                : scene.Contains(word.Word) ? WordRole.Background : WordRole.Focus, Importance(index, word)));
        if (given.Success) AddNew(index, words, queries.Words(index, given.Value, language, known), WordRole.Background);
        if (before is not null)
        {
            // "And the Belgian one?" after a question on the Dutch delegation: the new name takes the old one's place,
            // unless the question points back to it ("what did he say in Lyon?").
            dropNames |= words.Exists(w => w.Role == WordRole.Name) && !AnswerEvidence.PointsBack(text);
            AddNew(index, words, queries.Words(index, before, language, known).Where(w => !dropNames || !IsName(before, w.Word)), WordRole.Context);
        }
        return new AskedPart(text, kind, words, words.Find(w => w.Role == WordRole.Focus), Subject(main, words), Owned(main, words));
    }

    static List<AskedWord> Subject(string text, List<AskedWord> words)
    {
        // A named subject comes before anything else the part asks about: in "the official who spoke to the Herald", no name is the subject.
        var tokens = QueryBuilder.Split(text).ToList();
        var first = tokens.FindIndex(1, t => words.Exists(w => string.Equals(w.Word.Word, t, StringComparison.OrdinalIgnoreCase)));
        var run = first < 0 || !char.IsUpper(tokens[first][0]) ? [] : tokens.Skip(first).TakeWhile(t => char.IsUpper(t[0])).ToList();
        return [.. words.Where(w => w.Role == WordRole.Name && run.Contains(w.Word.Word, StringComparer.OrdinalIgnoreCase))];
    }

    static List<(AskedWord, AskedWord)> Owned(string text, List<AskedWord> words)
    {
        AskedWord? Find(string token) => words.Find(w => string.Equals(w.Word.Word, token, StringComparison.OrdinalIgnoreCase));
        var tokens = QueryBuilder.Split(text).ToList();
        var owned = new List<(AskedWord, AskedWord)>();
        for (var i = 1; i < tokens.Count; i++)
            if (Find(tokens[i]) is { Role: WordRole.Name } owner)
                foreach (var next in tokens.Skip(i + 1).Take(2))
                    if (Find(next) is { Role: WordRole.Focus } word) owned.Add((owner, word));
                    else break;
        return owned;
    }

    static void AddNew(SearchIndex index, List<AskedWord> words, IEnumerable<QueryWord> more, WordRole role)
    {
        foreach (var word in more)
            if (!words.Exists(w => string.Equals(w.Word.Word, word.Word, StringComparison.OrdinalIgnoreCase))) words.Add(new AskedWord(word, role, Importance(index, word)));
    }

    static float Importance(SearchIndex index, QueryWord word) =>
        word.Known ? word.Forms.Max(f => Bm25.Idf(index.Chunks.Count, index.DocumentFrequency(f.TermId))) : Bm25.Idf(index.Chunks.Count, 0);

    /// <summary>Capitalised where a sentence does not begin, or a figure: "Lyon", "UNESCO", "16", "4,500".</summary>
    static bool IsName(string question, string word)
    {
        if (word.All(c => char.IsDigit(c) || c is ',' or '.')) return true;
        var tokens = QueryBuilder.Split(question).ToList();
        for (var i = 1; i < tokens.Count; i++)
            if (string.Equals(tokens[i], word, StringComparison.OrdinalIgnoreCase)) return char.IsUpper(tokens[i][0]);
        return false;
    }
}
