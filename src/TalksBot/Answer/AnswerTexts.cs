namespace TalksBot.Answer;

/// <summary>The bot's own fixed sentences, in the language of the question.</summary>
public static class AnswerTexts
{
    static bool Dutch(string language) => language == Ingest.LanguageDetector.Dutch;

    public static string NotInTexts(string language) => Dutch(language)
        ? "De teksten die ik heb geven op die vraag geen antwoord."
        : "The texts I have do not answer that question.";

    public static string NotMentioned(string language, IEnumerable<string> names) => Dutch(language)
        ? $"De teksten die ik heb noemen {string.Join(", ", names)} niet, dus daar kan ik geen antwoord op geven."
        : $"The texts I have do not mention {string.Join(", ", names)}, so I cannot answer that.";

    public static string FiguresDiffer(string language) => Dutch(language) ? "De bronnen noemen verschillende aantallen:" : "The sources give different figures:";

    public static string EmptyQuestion(string language) => Dutch(language) ? "De vraag is leeg." : "The question is empty.";

    public static string TooLong(string language, int max) => Dutch(language)
        ? $"Die vraag is te lang; stel een vraag van hoogstens {max} tekens."
        : $"That question is too long; please ask in at most {max} characters.";
}
