namespace TalksBot.Telegram;

/// <summary>The bot's own messages on Telegram, in English and Dutch.</summary>
public static class TelegramTexts
{
    public static readonly (string English, string Dutch) HowToAsk =
        ("Just ask a question, or use /ask in a group.", "Stel gewoon een vraag, of gebruik /ask in een groep.");

    public static string OnlyText(bool dutch) => dutch
        ? "Ik kan alleen tekstvragen beantwoorden. Typ je vraag."
        : "I can only answer questions asked in text. Please type your question.";

    public static string AskWhat(bool dutch) => dutch ? "Wat wil je vragen? Bijvoorbeeld: /ask Wie leidde de delegatie?" : "What would you like to ask? For example: /ask Who led the delegation?";
}
