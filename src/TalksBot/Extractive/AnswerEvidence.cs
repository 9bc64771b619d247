using System.Text.RegularExpressions;
using TalksBot.Search;

namespace TalksBot.Extractive;

/// <summary>
/// Does a sentence carry the kind of answer a question asks for: a number, a date, a duration, a
/// person, a place, a reason? General patterns of English and Dutch news prose.
/// </summary>
public static partial class AnswerEvidence
{
    const string NumberWords = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|" +
        "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|honderd|honderden|duizend|duizenden|miljoen|tientallen";
    const string Months = "january|february|march|april|may|june|july|august|september|october|november|december|" +
        "januari|februari|maart|mei|juni|juli|augustus|oktober";
    const string Units = "seconds?|minutes?|hours?|days?|weeks?|months?|years?|seconde[n]?|minuut|minuten|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren";

    // "An unspecified number" answers "how many" too: it says the texts hold no figure.
    [GeneratedRegex(@"\d|\b(" + NumberWords + @"|several|numerous|(un|not )?(specified|disclosed) number|onbekend aantal|enkele|meerdere)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Number();

    [GeneratedRegex(@"\d\s?%|\b(\d+|" + NumberWords + @") (per ?cent|procent)\b|\b(half|a third|two thirds|a quarter|three quarters|de helft|een derde|een kwart)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percentage();

    [GeneratedRegex(@"\b(1[89]|20)\d\d\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(aged|age of|ages of|under|over|younger than|older than|jonger dan|ouder dan|leeftijd van) \d+|\b\d+[\s-]+(years?[\s-]+old|year-old|jaar oud|jarige?)\b|\b\d+ (to|and|tot) \d+ (years|jaar)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Age();

    // A verb of saying, or a quotation: what someone said is reported one of these two ways.
    [GeneratedRegex(@"[“”""«»]|" + SpeechVerbs, RegexOptions.IgnoreCase)]
    private static partial Regex SpeechOrQuote();

    [GeneratedRegex(SpeechVerbs, RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();

    const string SpeechVerbs = @"\b(" + Lexicon.SpeechVerbs + "|" + Lexicon.DutchSpeechVerbs + @")\b";

    // Titles and offices of public life.
    [GeneratedRegex(@"\b(" + Lexicon.Titles + @")s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Role();

    [GeneratedRegex(@"\b(" + Months + @"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag" +
        @"|yesterday|today|tomorrow|tonight|gisteren|vandaag|morgen|(last|next|this|coming|earlier this) (week|month|year)|(vorige|volgende|deze) (week|maand)|eind|end of)\b|\b(19|20)\d\d\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    // "A week later" and "two days ago" say when, not how long.
    [GeneratedRegex(@"\b(\d+|an?|" + NumberWords + @")[\s-]+(" + Units + @")\b(?!\s+(later|earlier|ago|before|after|eerder|later|geleden|daarna|erna))|\b(just )?(over|under|more than|less than|meer dan|minder dan) (an?|een) (" + Units + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    // Two capitalised words in a row, or a title or role before or after a name.
    [GeneratedRegex(@"(?<!^)\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+|\b(" + Lexicon.Titles + @")\b")]
    private static partial Regex Person();

    // A preposition before a name, a place or a stretch of land: "in Paris", "from the north pier", "in some areas along the coast".
    [GeneratedRegex(@"\b(in|at|from|near|inside|outside|naar|te|uit|bij|binnen)\s+(the|a|an|de|het|een)\s+\w+|\b(in|at|from|near|to|along|across|over|naar|te|uit|bij|langs)\s+(\p{Lu}|(the |de |het )?(\w+ )?(areas?|regions?|front|cities|city|countr\w+|territor\w+|provinces?|zones?|parts?|gebieden|gebied|regio's|steden|stad|land))")]
    private static partial Regex Place();

    [GeneratedRegex(@"\b(because|due to|as a result|in order to|so that|aimed|to prevent|since|omdat|doordat|vanwege|om (\w+ ){0,4}te|zodat)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reason();

    [GeneratedRegex(@"[$€£¥₴₽]\s?\d|\d[\d,.]*\s?(dollars?|euros?|pounds?|roubles?|rubles?|hryvnias?|yen|francs?)\b|\b(million|billion|miljoen|miljard)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(am|pm|a\.m\.|p\.m\.|uur|o'clock)\b|\b(noon|midnight|middag|middernacht)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClockTime();

    public static bool Carries(AnswerKind kind, string sentence) => Pattern(kind)?.IsMatch(sentence) ?? true;

    /// <summary><see cref="Carries(AnswerKind, string)"/> of a sentence of the index, found once per sentence and kind.</summary>
    public static bool Carries(AnswerKind kind, IndexedSentence sentence) => sentence.Fact((int)kind, static (k, text) => Carries((AnswerKind)k, text));

    /// <summary>Where the sentence states what the kind of question asks for, or null when the kind asks for nothing in particular.</summary>
    public static Ingest.TextSpan? Find(AnswerKind kind, string sentence) =>
        kind is AnswerKind.Person or AnswerKind.Reason or AnswerKind.Statement or AnswerKind.Role || Pattern(kind)?.Match(sentence) is not { Success: true } m
            ? null : new Ingest.TextSpan(m.Index, m.Index + m.Length);

    static Regex? Pattern(AnswerKind kind) => kind switch
    {
        AnswerKind.Amount => Amount(),
        AnswerKind.ClockTime => ClockTime(),
        AnswerKind.Quantity => Number(),
        AnswerKind.Percentage => Percentage(),
        AnswerKind.Year => Year(),
        AnswerKind.Age => Age(),
        AnswerKind.Statement => SpeechOrQuote(),
        AnswerKind.Role => Role(),
        AnswerKind.Duration => Duration(),
        AnswerKind.Time => Time(),
        AnswerKind.Person => Person(),
        AnswerKind.Place => Place(),
        AnswerKind.Reason => Reason(),
        _ => null,
    };

    // In a sentence "zijn", "ze", "dit" and "deze" point back too.
    [GeneratedRegex(@"\b(" + Lexicon.Pronouns + @"|the same|zijn|ze|dit|deze)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackReference();

    /// <summary>Does the sentence point back to what came before ("he", "her office", "these")?</summary>
    public static bool PointsBack(string sentence) => BackReference().IsMatch(sentence);

    /// <summary><see cref="PointsBack(string)"/> of a sentence of the index, found once; its key is past the kinds'.</summary>
    public static bool PointsBack(IndexedSentence sentence) => sentence.Fact(31, static (_, text) => PointsBack(text));

    [GeneratedRegex(@"\b(" + Lexicon.PersonalPronouns + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    /// <summary>Does a personal pronoun stand for the speaker ("… he added")?</summary>
    public static bool SpeakerPronoun(string sentence) => Pronoun().IsMatch(sentence);

    [GeneratedRegex("^" + SpeechVerbs + "$", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechWord();

    /// <summary>Is the word a verb of saying?</summary>
    public static bool IsSpeechVerb(string word) => SpeechWord().IsMatch(word);

    /// <summary>Does the sentence have a verb of saying, outside any quotation marks it has?</summary>
    public static bool NamesSpeaker(string sentence) => SpeechVerb().IsMatch(sentence);

    /// <summary>Does the sentence quote someone?</summary>
    public static bool IsQuote(string sentence) => sentence.IndexOfAny(['“', '”', '"', '«', '»']) >= 0;

    /// <summary>The numbers a sentence states, separators removed, so that "6,000" and "6000" compare equal.</summary>
    public static HashSet<string> Numbers(string sentence) =>
        [.. NumberDigits().Matches(sentence).Select(m => m.Value.Replace(",", "").Replace(".", ""))];

    [GeneratedRegex(@"\d[\d,.]*\d|\d")]
    private static partial Regex NumberDigits();
}
