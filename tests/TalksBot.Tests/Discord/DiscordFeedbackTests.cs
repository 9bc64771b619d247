using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Questions;

namespace TalksBot.Tests.Discord;

/// <summary>👍/👎 buttons under Discord answers: signed component interactions (type 3) answered by updating the message (type 7).</summary>
[Collection(Observability.ProcessMetricsCollection.Name)]
public class DiscordFeedbackTests
{
    static string[] Labels(JsonNode? components) => [.. components!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["label"]!.GetValue<string>())];
    static string Id(JsonNode? components, int row, int column) => components!.AsArray()[row]!["components"]![column]!["custom_id"]!.GetValue<string>();

    static async Task<JsonNode> AnsweredAsync(DiscordApp discord, string question, string user = "u-1")
    {
        await discord.PostAsync(DiscordApp.Command("ask", question, token: "tok-" + user, user: user));
        var call = (await discord.Server.WaitForCallsAsync(1)).Last();
        return call.Body["components"]!;
    }

    [Fact]
    public async Task PressesUpdateTheButtonsWithTheCountsAndAThumbsDownAsksWhy()
    {
        await using var discord = await DiscordApp.StartAsync();
        var buttons = await AnsweredAsync(discord, "How many bodies will Ukraine return to Russia?");
        Assert.Equal(["👍", "👎"], Labels(buttons));
        Assert.All(buttons.AsArray().SelectMany(r => r!["components"]!.AsArray()), b => Assert.Equal(2, b!["type"]!.GetValue<int>()));

        var (status, up) = await discord.PostAsync(DiscordApp.Press(Id(buttons, 0, 0)));
        Assert.Equal(200, status);
        Assert.Equal(7, up!["type"]!.GetValue<int>());
        Assert.Equal(["👍 1", "👎"], Labels(up["data"]!["components"]));

        var (_, down) = await discord.PostAsync(DiscordApp.Press(Id(buttons, 0, 1)));
        Assert.Equal(["👍", "👎 1", "Wrong", "Not in the sources", "Unclear"], Labels(down!["data"]!["components"]));
        var (_, why) = await discord.PostAsync(DiscordApp.Press(Id(down["data"]!["components"], 1, 0)));
        Assert.Equal(["👍", "👎 1"], Labels(why!["data"]!["components"]));

        // A press sent again is a replay: refused, not counted twice.
        var press = DiscordApp.Press(Id(buttons, 0, 0), user: "u-2");
        Assert.Equal(200, (await discord.PostAsync(press)).Status);
        Assert.Equal(409, (await discord.PostAsync(press)).Status);

        var record = Assert.Single((await discord.App.Services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery())).Items);
        Assert.Equal(2, record.Votes.Count);
        Assert.Equal(VoteReasons.Wrong, Assert.Single(record.Votes, v => !v.Helpful).Reason);
        Assert.All(record.Votes, v => Assert.Equal("discord", v.FrontEnd));
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(discord.App.Urls.First() + "/metrics");
        Assert.Matches(@"talksbot_feedback_total\{[^}]*front_end=""discord""[^}]*vote=""helpful""[^}]*\} 2", metrics);
        Assert.Matches(@"talksbot_feedback_total\{[^}]*front_end=""discord""[^}]*vote=""unhelpful""[^}]*\} 1", metrics);
        Assert.Matches(@"talksbot_feedback_unhelpful_share(\{[^}]*\})? 1(\s|$)", metrics);
    }

    [Theory]
    [InlineData("forged", "That button is not one of mine.")]
    [InlineData("other prefix", "That button is not one of mine.")]
    [InlineData("stale", "That answer is no longer on record, so the vote was not counted.")]
    public async Task AForgedOrStalePressIsToldPrivatelyAndChangesNothing(string kind, string told)
    {
        await using var discord = await DiscordApp.StartAsync();
        var buttons = await AnsweredAsync(discord, "Who is Rustem Umerov?");
        var real = Id(buttons, 0, 0);
        var data = kind switch { "forged" => real[..^1] + "z", "other prefix" => "xx" + real[2..], _ => "fb:" + QuestionRecord.NewKey() + ":u" };

        var (status, body) = await discord.PostAsync(DiscordApp.Press(data));
        Assert.Equal(200, status);
        Assert.Equal(4, body!["type"]!.GetValue<int>());
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(told, body["data"]!["content"]!.GetValue<string>());
        Assert.Empty(Assert.Single((await discord.App.Services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery())).Items).Votes);
    }

    [Fact]
    public async Task ForgetRemovesTheUsersQuestionsAndVotesAndSaysSoPrivately()
    {
        await using var discord = await DiscordApp.StartAsync();
        var buttons = await AnsweredAsync(discord, "Who is Rustem Umerov?");
        await discord.PostAsync(DiscordApp.Press(Id(buttons, 0, 1)));

        var (_, body) = await discord.PostAsync(DiscordApp.Command("forget", user: "u-1"));
        Assert.Equal(4, body!["type"]!.GetValue<int>());
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Forgotten: 1 of your questions and 1 of your votes, and this conversation.", body["data"]!["content"]!.GetValue<string>());
        Assert.Empty((await discord.App.Services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery())).Items);
        Assert.Empty(await discord.App.Services.GetRequiredService<TalksBot.Conversations.IConversationStore>().RecentAsync("discord:c-1"));
    }
}
