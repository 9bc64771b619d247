using System.Text.Json;
using System.Text.Json.Nodes;
using TalksBot.Search;

namespace TalksBot.Answer;

/// <summary>An answer as JSON, in the one shape `ask --json`, the eval scorer and the admin console read.</summary>
public static class AnswerJson
{
    /// <param name="signals">Adds each passage's rank and score per search signal (for the admin console).</param>
    public static JsonObject From(Answer answer, bool signals = false)
    {
        var json = new JsonObject
        {
            ["question"] = answer.Question,
            ["language"] = answer.Language,
            ["answer"] = answer.Text,
            ["refused"] = answer.Refused,
            ["support"] = Math.Round(answer.Support, 3),
            ["declined"] = answer.Refused ? JsonNamingPolicy.SnakeCaseLower.ConvertName(answer.Why.ToString()) : null,
            ["confidence"] = answer.Confidence is { } p ? Math.Round(p, 3) : null,
            ["citations"] = new JsonArray([.. answer.Citations.Select(c => (JsonNode)new JsonObject
            {
                ["n"] = c.N, ["source"] = c.Source, ["title"] = c.Title, ["outlet"] = c.Outlet, ["quote"] = c.Quote,
                ["chunk"] = c.Chunk, ["start"] = c.Start, ["end"] = c.End,
                ["highlight"] = c.Highlight is { } h ? new JsonObject { ["start"] = h.Start, ["end"] = h.End } : null,
                ["url"] = c.Link, ["published"] = c.Day,
            })]),
            ["passages"] = new JsonArray([.. answer.Passages.Select(p => (JsonNode)Passage(p, signals))]),
            ["engine"] = answer.Engine,
            ["timings_ms"] = new JsonObject([.. answer.TimingsMs.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)Math.Round(t.Value, 2)))]),
        };
        if (answer.Error is not null) json["error"] = answer.Error;
        return json;
    }

    static JsonObject Passage(SearchHit p, bool signals)
    {
        var json = new JsonObject { ["source"] = p.Passage.Chunk.Source, ["chunk"] = p.Passage.Chunk.Index, ["score"] = p.Score, ["text"] = p.Passage.Chunk.Text };
        if (signals) json["signals"] = new JsonObject([.. p.Signals.Select(g => KeyValuePair.Create(g.Signal, (JsonNode?)new JsonObject { ["rank"] = g.Rank, ["score"] = g.Score }))]);
        return json;
    }

}
