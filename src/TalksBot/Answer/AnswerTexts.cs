using TalksBot.Extractive;

namespace TalksBot.Answer;

/// <summary>The bot's own fixed sentences, in the language of the question.</summary>
public static class AnswerTexts
{
    static bool Dutch(string language) => language == Ingest.LanguageDetector.Dutch;

    public static string NotInTexts(string language) => Dutch(language)
        ? "De teksten die ik heb geven op die vraag geen antwoord."
        : "The texts I have do not answer that question.";

    public static string MayNotAnswer(string language) => Dutch(language)
        ? "De teksten die ik heb beantwoorden die vraag waarschijnlijk niet."
        : "The texts I have probably do not answer that question.";

    public static string NeedsContext(string language) => Dutch(language)
        ? "Ik weet niet waar die vraag op verder gaat; stel de hele vraag."
        : "I do not know what that question goes on from; please ask the whole question.";

    public static string NotAllInTexts(string language) => Dutch(language)
        ? "De teksten die ik heb beantwoorden maar een deel van die vraag."
        : "The texts I have answer only part of that question.";

    /// <summary>What the texts lack, by the kind of answer asked for.</summary>
    public static string NotStated(string language, AnswerKind kind) => (Dutch(language), kind) switch
    {
        (false, AnswerKind.Time) => "The texts I have do not give that date.",
        (false, AnswerKind.Year) => "The texts I have do not give that year.",
        (false, AnswerKind.ClockTime) => "The texts I have do not give that time.",
        (false, AnswerKind.Quantity or AnswerKind.Percentage or AnswerKind.Amount) => "The texts I have do not give that figure.",
        (false, AnswerKind.Duration) => "The texts I have do not say how long.",
        (false, AnswerKind.Age) => "The texts I have do not give that age.",
        (false, AnswerKind.Place) => "The texts I have do not name that place.",
        (false, AnswerKind.Name) => "The texts I have do not give that name.",
        (false, AnswerKind.Role) => "The texts I have do not give that title.",
        (false, AnswerKind.Statement) => "The texts I have do not report that being said.",
        (false, _) => "The texts I have do not answer that question.",
        (true, AnswerKind.Time or AnswerKind.Year or AnswerKind.ClockTime) => "De teksten die ik heb noemen dat tijdstip niet.",
        (true, AnswerKind.Quantity or AnswerKind.Percentage or AnswerKind.Amount) => "De teksten die ik heb noemen dat getal niet.",
        (true, AnswerKind.Duration) => "De teksten die ik heb zeggen niet hoe lang.",
        (true, AnswerKind.Age) => "De teksten die ik heb noemen die leeftijd niet.",
        (true, AnswerKind.Place) => "De teksten die ik heb noemen die plaats niet.",
        (true, AnswerKind.Name or AnswerKind.Role) => "De teksten die ik heb noemen die naam niet.",
        (true, AnswerKind.Statement) => "De teksten die ik heb vermelden niet dat dat gezegd is.",
        (true, _) => "De teksten die ik heb geven op die vraag geen antwoord.",
    };

    public static string Closest(string language) => Dutch(language) ? "Wat ze wel zeggen:" : "What they do say:";

    public static string NotMentioned(string language, IEnumerable<string> names) => Dutch(language)
        ? $"De teksten die ik heb noemen {string.Join(", ", names)} niet, dus daar kan ik geen antwoord op geven."
        : $"The texts I have do not mention {string.Join(", ", names)}, so I cannot answer that.";

    public static string FiguresDiffer(string language) => Dutch(language) ? "De bronnen noemen verschillende aantallen:" : "The sources give different figures:";

    /// <summary>What an answer about the present state opens with: the day of the report it comes from.</summary>
    public static string AsOf(string language, DateTimeOffset date) => Dutch(language)
        ? $"Volgens het nieuwste bericht ({date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))}):"
        : $"As of the latest report ({date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}):";

    public static string EmptyQuestion(string language) => Dutch(language) ? "De vraag is leeg." : "The question is empty.";

    public static string TooLong(string language, int max) => Dutch(language)
        ? $"Die vraag is te lang; stel een vraag van hoogstens {max} tekens."
        : $"That question is too long; please ask in at most {max} characters.";
}
