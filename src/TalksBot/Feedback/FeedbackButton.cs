using TalksBot.Questions;

namespace TalksBot.Feedback;

/// <summary>
/// What a feedback button carries (Telegram's callback_data, Discord's custom_id): "fb:" + the answer's
/// key + ":" + the choice's letter, 17 characters. Anything else arriving as one is not a button of ours.
/// </summary>
public static class FeedbackButton
{
    const string Prefix = "fb:";
    static readonly (FeedbackChoice Choice, char Letter)[] Letters =
        [(FeedbackChoice.Helpful, 'u'), (FeedbackChoice.Unhelpful, 'd'), (FeedbackChoice.Wrong, 'w'), (FeedbackChoice.NotInSources, 'n'), (FeedbackChoice.Unclear, 'c')];

    public static string Data(string key, FeedbackChoice choice) => $"{Prefix}{key}:{Letters.First(l => l.Choice == choice).Letter}";

    public static bool IsFeedback(string? data) => data?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The answer's key and the choice, or null for data that is not one of these buttons (forged, or from another bot).</summary>
    public static (string Key, FeedbackChoice Choice)? Parse(string? data)
    {
        if (data is null || data.Length != Prefix.Length + 14 || !IsFeedback(data) || data[^2] != ':') return null;
        var key = data[Prefix.Length..^2];
        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        foreach (var (choice, letter) in Letters)
            if (data[^1] == letter) return (key, choice);
        return null;
    }
}
