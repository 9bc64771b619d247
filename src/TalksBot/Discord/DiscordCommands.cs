using System.Text.Json.Nodes;

namespace TalksBot.Discord;

/// <summary>The slash commands `discord register` installs: /ask question:&lt;text&gt; [private:&lt;bool&gt;], /sources, /help, /forget.</summary>
public static class DiscordCommands
{
    public static JsonArray Definitions() =>
    [
        new JsonObject
        {
            ["name"] = "ask", ["type"] = 1, ["description"] = "Ask about the peace talks; answered only from the news texts, with quotes.",
            ["options"] = new JsonArray
            {
                new JsonObject { ["type"] = 3, ["name"] = "question", ["description"] = "Your question", ["required"] = true, ["max_length"] = 1000 },
                new JsonObject { ["type"] = 5, ["name"] = "private", ["description"] = "Only you see the answer", ["required"] = false },
            },
        },
        new JsonObject { ["name"] = "sources", ["type"] = 1, ["description"] = "List the news texts the answers come from." },
        new JsonObject { ["name"] = "help", ["type"] = 1, ["description"] = "What this bot knows and how to ask." },
        new JsonObject { ["name"] = "forget", ["type"] = 1, ["description"] = "Remove your questions, your votes and this channel's conversation from the bot's log." },
    ];
}
