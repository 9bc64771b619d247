namespace TalksBot.Answer;

/// <summary>Who asked, for the questions log: the front end, and the user's id there (stored only as a keyed hash).</summary>
public sealed record Asker(string FrontEnd, string? UserId = null)
{
    public static readonly Asker Console = new("console");
}
