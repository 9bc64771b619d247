using TalksBot.Questions;

namespace TalksBot.Feedback;

/// <summary>What the buttons say and what a press is told, in English and Dutch.</summary>
public static class FeedbackTexts
{
    public static string Thanks(bool dutch) => dutch ? "Bedankt, genoteerd." : "Thanks — noted.";

    public static string ThanksWhy(bool dutch) => dutch ? "Bedankt, genoteerd. Wat was er mis? Kies hieronder, als je wilt." : "Thanks — noted. What was wrong? Pick below, if you like.";

    public static string Unknown(bool dutch) => dutch
        ? "Dit antwoord staat niet meer in het logboek, dus de stem is niet meegeteld."
        : "That answer is no longer on record, so the vote was not counted.";

    public static string NotOurs(bool dutch) => dutch ? "Die knop hoort niet bij een antwoord van mij." : "That button is not one of mine.";

    public static string Unavailable(bool dutch) => dutch ? "Stemmen lukt nu niet; probeer het later nog eens." : "Votes cannot be taken right now; please try again later.";

    public static string Reason(FeedbackChoice reason, bool dutch) => reason switch
    {
        FeedbackChoice.Wrong => dutch ? "Klopt niet" : "Wrong",
        FeedbackChoice.NotInSources => dutch ? "Niet in de bronnen" : "Not in the sources",
        _ => dutch ? "Onduidelijk" : "Unclear",
    };

    public static readonly FeedbackChoice[] Reasons = [FeedbackChoice.Wrong, FeedbackChoice.NotInSources, FeedbackChoice.Unclear];

    /// <summary>A button's face: the thumb, and how many chose it once anyone has.</summary>
    public static string Face(bool helpful, int count) => (helpful ? "👍" : "👎") + (count > 0 ? $" {count}" : "");

    public static string Forgot(Forgotten forgotten, bool conversation, bool dutch) => dutch
        ? $"Vergeten: {forgotten.Questions} vragen en {forgotten.Votes} stemmen van jou{(conversation ? ", en dit gesprek" : "")}."
        : $"Forgotten: {forgotten.Questions} of your questions and {forgotten.Votes} of your votes{(conversation ? ", and this conversation" : "")}.";

    public static string ForgetFailed(bool dutch) => dutch ? "Vergeten lukt nu niet; probeer het later nog eens." : "That could not be done right now; please try again later.";
}
