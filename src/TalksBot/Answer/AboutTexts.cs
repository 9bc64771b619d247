namespace TalksBot.Answer;

/// <summary>What every front end says about the bot itself, in English and Dutch.</summary>
public static class AboutTexts
{
    /// <param name="howToAsk">How to ask on this front end, in each language.</param>
    public static string Help(bool dutch, IEnumerable<string> outlets, int sources, (string English, string Dutch) howToAsk) => dutch
        ? $"Ik beantwoord vragen over de vredesbesprekingen tussen Rusland en Oekraïne, alleen uit {sources} nieuwsteksten ({string.Join(", ", outlets)}), met een citaat bij elke bewering. {howToAsk.Dutch} /sources toont de teksten. Met 👍 of 👎 onder een antwoord zeg je of het hielp; /forget wist je vragen en stemmen."
        : $"I answer questions about the Russia–Ukraine peace talks from {sources} news texts only ({string.Join(", ", outlets)}), quoting a source for every claim. {howToAsk.English} /sources lists the texts. Tap 👍 or 👎 under an answer to say whether it helped; /forget removes your questions and votes.";

    public static string SourcesHeader(bool dutch) => dutch ? "Bronnen" : "Sources";

    public static string Sources(bool dutch, IEnumerable<(string File, Ingest.SourceInfo Info)> sources) =>
        SourcesHeader(dutch) + ":\n" + string.Join("\n", sources.Select(s => $"• {s.Info.Title}{(s.Info.Outlet is null ? "" : " — " + s.Info.Outlet)} ({s.File})"));

    public static string SlowDown(bool dutch) => dutch
        ? "Rustig aan: je stelt veel vragen tegelijk. Probeer het over een minuut weer."
        : "Please slow down: that is a lot of questions at once. Try again in a minute.";

    public static string Failed(bool dutch) => dutch
        ? "Er ging iets mis bij het beantwoorden. Probeer het zo nog eens."
        : "Sorry, something went wrong while answering. Please try again in a moment.";
}
