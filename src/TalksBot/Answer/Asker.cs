namespace TalksBot.Answer;

/// <summary>Who asked, for the questions log: the front end, and the user's id there (stored only as a keyed hash).</summary>
/// <param name="Logged">False for the console's check of labelled questions: not a person's question, so neither logged nor counted.</param>
public sealed record Asker(string FrontEnd, string? UserId = null, bool Logged = true)
{
    public static readonly Asker Console = new("console");
    public static readonly Asker Check = new("check", Logged: false);
}
