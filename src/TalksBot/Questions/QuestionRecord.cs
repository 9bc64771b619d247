namespace TalksBot.Questions;

/// <summary>One answered question, as the questions log keeps it.</summary>
public sealed class QuestionRecord
{
    public int Id { get; set; }
    public DateTime At { get; set; }
    public string FrontEnd { get; set; } = "";

    /// <summary>HMAC-SHA256 of the user's id under the installation's own key; never the id itself.</summary>
    public string? User { get; set; }

    public string Question { get; set; } = "";
    public string Answer { get; set; } = "";
    public bool Refused { get; set; }
    public List<string> Sources { get; set; } = [];
    public double LatencyMs { get; set; }
    public string Engine { get; set; } = "";
}
