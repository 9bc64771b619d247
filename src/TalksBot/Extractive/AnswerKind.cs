using System.Text.RegularExpressions;
using TalksBot.Answer;

namespace TalksBot.Extractive;

/// <summary>What kind of answer a question asks for, read from its question phrase wherever it stands (English and Dutch).</summary>
public enum AnswerKind { Any, Person, Time, Year, ClockTime, Place, Quantity, Percentage, Amount, Duration, Age, Reason, Statement, Name, Role, Overview, YesNo }

public static partial class AnswerKinds
{
    /// <summary>
    /// Kinds a sentence must carry to answer at all: without a year, a figure, a name or a quote it does
    /// not answer "in what year", "how many", "what is the name of", "what did X say". The others (a person,
    /// a reason) are often phrased without a telltale word, so lacking one only counts against a sentence.
    /// </summary>
    public static bool IsStrict(AnswerKind kind) => kind is not (AnswerKind.Any or AnswerKind.Person or AnswerKind.Reason or AnswerKind.Overview or AnswerKind.YesNo);

    // Money only: "how much" alone also asks after land, time or support ("how much of the country"), which a number answers.
    [GeneratedRegex(@"^(how much (money\b|.*\b(cost|costs|pay|paid|spend|spent|worth|price)\b)|what did .+ cost|what does .+ cost|how expensive|wat kost|wat kostte|hoeveel geld)\b")] private static partial Regex Amount();
    [GeneratedRegex(@"\b(what time|at what time|hoe laat|om hoe laat)\b")] private static partial Regex ClockTime();
    [GeneratedRegex(@"\b(what|which) (share|percentage|proportion|part|fraction)\b|\bhow much of\b|\b(welk|hoeveel) (deel|procent|percentage)\b|\bwelk percentage\b")] private static partial Regex Percentage();
    [GeneratedRegex(@"\b(in )?(what|which) year\b|\bin welk jaar\b")] private static partial Regex Year();
    [GeneratedRegex(@"^(how old|how young)\b|\b(at )?what age\b|\bhoe (oud|jong)\b|\bop welke leeftijd\b")] private static partial Regex Age();
    [GeneratedRegex(@"^(how many|how much|hoeveel)\b|\b(what|which) number of\b")] private static partial Regex Quantity();
    [GeneratedRegex(@"^(how long|hoe lang)\b|\bfor how long\b")] private static partial Regex Duration();
    [GeneratedRegex(@"^(why|waarom)\b|\bfor what reason\b|\bwhat (is|was) the (declared |stated |main )?(purpose|reason|aim)\b")] private static partial Regex Reason();
    [GeneratedRegex(@"^(when|wanneer)\b|\b(on )?(what|which) (date|day)\b|\bop welke (dag|datum)\b")] private static partial Regex Time();
    [GeneratedRegex(@"^(where|waar)\b|\b(in|to) which (city|country|place)\b|\bwhich (city|country|place|region|regions|territories)\b|\bin welke (stad|plaats|land|regio)\b|\bwelke (regio's|regio|gebieden|steden|landen)\b")] private static partial Regex Place();
    [GeneratedRegex(@"\b(what|wat) (is|was|are|were) the names? of\b|\bwhat (is|was) .+ called\b|\bhoe heet\b|\bwat is de naam\b")] private static partial Regex Name();
    [GeneratedRegex(@"\b(what|which) (position|post|office|title|job)s? (does|did|do) .+ (hold|have|occupy|fill)\b|\bwhat is .+'s (job|title)\b|\bwelke functie\b")] private static partial Regex Role();

    [GeneratedRegex(@"^(what|wat) (did|does|do|has|have|had) .+ (" + Lexicon.SpeechVerbs + @")\b|^wat (" + Lexicon.DutchSpeechVerbs + @")\b|^wat (heeft|hebben) .+ (" + Lexicon.DutchSpeechVerbs + @")\b" +
        // Asking how someone saw or described a thing asks what they said of it.
        @"|^how (did|does|do|has|have) .+ (" + Lexicon.ViewingVerbs + @")\b|^hoe (" + Lexicon.DutchViewingVerbs + @")\b")]
    private static partial Regex Statement();
    [GeneratedRegex(Overviews)] private static partial Regex Overview();

    /// <summary>Phrases that ask for an account of a topic, not one fact: what they name is the topic.</summary>
    public const string Overviews = @"^(what (has )?happened|what is happening|what went on|what('s| is) going on|(can you )?tell me( more)? about|what do you know about|give me an overview of|summari[sz]e|" +
        @"wat is er (gebeurd|aan de hand)|wat gebeurde er|vertel( me)?( iets| meer)? over|wat weet je over)\b";

    [GeneratedRegex(@"^(who|whom|whose|wie)\b|\b(which|what) (person|" + Lexicon.Titles + @")\b")] private static partial Regex Person();
    [GeneratedRegex(@"^(is|are|was|were|do|does|did|has|have|had|" + Lexicon.Modals + @"|heeft|hebben|zijn|waren|wilde|gaat|werd|wordt|gaf|gaven)\b")]
    private static partial Regex YesNo();

    /// <summary>
    /// "Which hotel…", "which outlet reported…", "welk bedrijf…": one thing picked out, by its name. The
    /// noun is the last word after "which" before a function word or a past-tense verb; a plural
    /// ("which rivers") asks for a list, which need not name anything.
    /// </summary>
    static bool AsksWhichOne(string question)
    {
        var words = Search.QueryBuilder.Split(question).ToList();
        if (words.Count < 3 || words[0].ToLowerInvariant() is not ("which" or "welke" or "welk")) return false;
        string? noun = null;
        foreach (var word in words.Skip(1).SkipWhile(w => char.IsUpper(w[0])))
        {
            var lower = word.ToLowerInvariant();
            if (char.IsUpper(word[0]) || lower.EndsWith("ed") || Search.TextAnalysis.IsStopWord(lower, Ingest.LanguageDetector.English)
                || Search.TextAnalysis.IsStopWord(lower, Ingest.LanguageDetector.Dutch) || Auxiliaries.Contains(lower)) break;
            noun = lower;
        }
        return noun is not null && !noun.EndsWith('s') && !noun.EndsWith("en");
    }

    static readonly HashSet<string> Auxiliaries = [.. Lexicon.Modals.Split('|')];

    public static AnswerKind Detect(string question)
    {
        var q = FollowUp.WithoutConnective(question).ToLowerInvariant();
        // The most specific reading first: "how much of the land" asks a share, "what did it cost" an amount.
        if (Overview().IsMatch(q)) return AnswerKind.Overview;
        if (Amount().IsMatch(q)) return AnswerKind.Amount;
        if (ClockTime().IsMatch(q)) return AnswerKind.ClockTime;
        if (Percentage().IsMatch(q)) return AnswerKind.Percentage;
        if (Year().IsMatch(q)) return AnswerKind.Year;
        if (Age().IsMatch(q)) return AnswerKind.Age;
        if (Quantity().IsMatch(q)) return AnswerKind.Quantity;
        if (Duration().IsMatch(q)) return AnswerKind.Duration;
        if (Reason().IsMatch(q)) return AnswerKind.Reason;
        if (Time().IsMatch(q)) return AnswerKind.Time;
        if (Name().IsMatch(q)) return AnswerKind.Name;
        if (Role().IsMatch(q)) return AnswerKind.Role;
        if (Statement().IsMatch(q)) return AnswerKind.Statement;
        if (Place().IsMatch(q)) return AnswerKind.Place;
        if (Person().IsMatch(q)) return AnswerKind.Person;
        if (AsksWhichOne(FollowUp.WithoutConnective(question))) return AnswerKind.Name;
        return YesNo().IsMatch(q) ? AnswerKind.YesNo : AnswerKind.Any;
    }
}
