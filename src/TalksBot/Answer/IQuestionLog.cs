namespace TalksBot.Answer;

/// <summary>What people asked and what they were told: for operators, and to see what the texts are missing.</summary>
public interface IQuestionLog
{
    void Record(QuestionRecord record, string? userId);

    /// <summary>Newest first; with <paramref name="refusedOnly"/>, only the questions the texts did not answer.</summary>
    IReadOnlyList<QuestionRecord> Recent(int limit, bool refusedOnly = false);
}
