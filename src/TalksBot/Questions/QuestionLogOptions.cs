namespace TalksBot.Questions;

/// <summary>Section "QuestionLog".</summary>
public sealed class QuestionLogOptions
{
    /// <summary>Questions, answers and votes older than this are removed (every hour while serving).</summary>
    public int RetentionDays { get; set; } = 90;
}
