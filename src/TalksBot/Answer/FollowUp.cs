using System.Text.RegularExpressions;

using TalksBot.Conversations;
using TalksBot.Extractive;

namespace TalksBot.Answer;

/// <summary>
/// Decides whether a question leans on the one before it ("and how many bodies?", "what did he say
/// to that?"): it opens with a connective, points back with a pronoun, or is too short to stand
/// alone. Then the last answered question of the conversation is its context.
/// </summary>
public static partial class FollowUp
{
    [GeneratedRegex(@"^(and|but|so|also|what about|how about|and what|en|maar|dus|ook|en wat|hoe zit het met)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Connective();

    // Words that point back, not words that merely can ("that" as a conjunction, Dutch "het" as an article).
    [GeneratedRegex(@"\b(" + Lexicon.Pronouns + @"|daar|daarop|daarover|toen)\b|\b(to|about|of|with|on|after|op|over|van|met|na) (that|dat)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    /// <summary>The previous answered turn to read this question with, or null when it stands alone.</summary>
    public static ConversationTurn? Context(string question, IReadOnlyList<ConversationTurn> turns)
    {
        var previous = turns.LastOrDefault(t => !t.Refused);
        if (previous is null) return null;
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return Connective().IsMatch(question.Trim()) || Pronoun().IsMatch(question) || words <= 3 ? previous : null;
    }

    /// <summary>Does the question open with a connective ("and…", "what about…"), as a question that goes on from another does?</summary>
    public static bool OpensWithConnective(string question) => Connective().IsMatch(question.Trim());

    /// <summary>The question without a leading connective: "and how many bodies?" asks "how many bodies?".</summary>
    public static string WithoutConnective(string question) => Connective().Replace(question.Trim(), "").TrimStart(' ', ',');
}
