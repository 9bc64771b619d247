using System.Text.Json.Nodes;
using TalksBot.Feedback;
using TalksBot.Questions;

namespace TalksBot.Discord;

/// <summary>
/// The 👍/👎 buttons under an answer and the presses on them (component interactions, type 3): a counted
/// vote updates the message's buttons with the counts (type 7), a plain 👎 adds a row asking what was wrong;
/// a press that cannot be counted gets a message only the presser sees, and changes nothing. Also /forget.
/// </summary>
public sealed class DiscordFeedback(FeedbackService feedback, Forgetting forgetting)
{
    const int SecondaryStyle = 2;

    public static JsonArray Buttons(string key, int helpful = 0, int unhelpful = 0, bool askWhy = false, bool dutch = false)
    {
        static JsonObject Button(string label, string data) => new() { ["type"] = 2, ["style"] = SecondaryStyle, ["label"] = label, ["custom_id"] = data };
        var rows = new JsonArray
        {
            new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(Button(FeedbackTexts.Face(true, helpful), FeedbackButton.Data(key, FeedbackChoice.Helpful)),
                    Button(FeedbackTexts.Face(false, unhelpful), FeedbackButton.Data(key, FeedbackChoice.Unhelpful))),
            },
        };
        if (askWhy)
            rows.Add(new JsonObject
            {
                ["type"] = 1, ["components"] = new JsonArray([.. FeedbackTexts.Reasons.Select(r => Button(FeedbackTexts.Reason(r, dutch), FeedbackButton.Data(key, r)))]),
            });
        return rows;
    }

    /// <returns>The interaction's response, or null when it names nobody (not an interaction Discord sends).</returns>
    public async Task<JsonObject?> PressAsync(JsonNode interaction, bool dutch, CancellationToken cancellationToken)
    {
        if (User(interaction) is not { } user) return null;
        var result = await feedback.PressAsync("discord", interaction["data"]?["custom_id"]?.GetValue<string>(), $"discord:{user}", cancellationToken);
        if (result is { Status: FeedbackStatus.Noted, Key: { } key, Outcome: { } votes })
            return new JsonObject { ["type"] = 7, ["data"] = new JsonObject { ["components"] = Buttons(key, votes.Helpful, votes.Unhelpful, result.AskWhy, dutch) } };
        var told = result.Status switch
        {
            FeedbackStatus.Unknown => FeedbackTexts.Unknown(dutch),
            FeedbackStatus.NotOurs => FeedbackTexts.NotOurs(dutch),
            _ => FeedbackTexts.Unavailable(dutch),
        };
        return Told(told);
    }

    /// <summary>/forget: the person's questions and votes, and the channel's conversation.</summary>
    public async Task<JsonObject?> ForgetAsync(JsonNode interaction, string conversation, bool dutch, CancellationToken cancellationToken)
    {
        if (User(interaction) is not { } user) return null;
        return Told(await forgetting.ForgetAsync($"discord:{user}", conversation, dutch, cancellationToken));
    }

    /// <summary>In a server the user is in member.user, in a direct message in user.</summary>
    public static string? User(JsonNode interaction) =>
        interaction["member"]?["user"]?["id"]?.GetValue<string>() ?? interaction["user"]?["id"]?.GetValue<string>();

    static JsonObject Told(string text)
    {
        var data = DiscordFormatter.Text(text);
        data["flags"] = DiscordFormatter.Ephemeral;
        return new JsonObject { ["type"] = 4, ["data"] = data };
    }
}
