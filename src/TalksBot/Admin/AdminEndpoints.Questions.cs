using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalksBot.Questions;

namespace TalksBot.Admin;

/// <summary>
/// The console's questions log: filtered pages of records (with citations and votes), the last 30 days
/// as a chart with the most refused and most unhelpful questions, labels that turn a record into a test
/// question, and the check that answers the labelled ones again and scores them.
/// </summary>
public static partial class AdminEndpoints
{
    const int ChartDays = 30;

    static void MapQuestions(RouteGroupBuilder api)
    {
        api.MapGet("/questions", async (IQuestionLog log, bool? refused, bool? unhelpful, bool? labelled, string? frontEnd, string? q, int? page, int? size,
            CancellationToken cancellationToken) =>
        {
            var query = new QuestionQuery(refused ?? false, string.IsNullOrEmpty(frontEnd) ? null : frontEnd, q, Math.Max(0, page ?? 0), Math.Clamp(size ?? 50, 1, 200),
                unhelpful ?? false, labelled ?? false);
            var (items, total) = await log.FindAsync(query, cancellationToken);
            return Results.Json(new { items = items.Select(QuestionJson), total, query.Page, query.Size });
        });
        api.MapGet("/questions/summary", async (IQuestionLog log, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var since = today.AddDays(1 - ChartDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return Results.Json(QuestionSummary.Of(await log.SinceAsync(since, cancellationToken), today, ChartDays));
        });
        api.MapPut("/questions/{id:int}/label", async (int id, HttpRequest request, IQuestionLog log, TimeProvider time) =>
        {
            if (await LabelOfAsync(request) is not { } label) return Error("Send JSON with \"refuse\": true, or \"must\": the words the answer should hold (\"ceasefire; truce|armistice\").");
            label.At = time.GetUtcNow().UtcDateTime;
            return await log.LabelAsync(id, label, request.HttpContext.RequestAborted) ? Results.Json(new { id, label }) : Error($"There is no record {id}.", 404);
        });
        api.MapDelete("/questions/{id:int}/label", async (int id, IQuestionLog log, CancellationToken cancellationToken) =>
            await log.LabelAsync(id, null, cancellationToken) ? Results.Json(new { id }) : Error($"There is no record {id}.", 404));
        api.MapPost("/questions/check", async (LabelledQuestions labelled, CancellationToken cancellationToken) =>
            Results.Json(await labelled.CheckAsync(cancellationToken)));
    }

    /// <summary>A record as the console shows it: votes counted, with the reasons given, not who gave them.</summary>
    static object QuestionJson(QuestionRecord r) => new
    {
        r.Id, r.At, r.FrontEnd, r.Question, r.Answer, r.Refused, r.Sources, r.Citations, r.LatencyMs, r.Engine, r.Label,
        votes = new { helpful = r.Votes.Count(v => v.Helpful), unhelpful = r.Votes.Count(v => !v.Helpful), reasons = r.Votes.Select(v => v.Reason).OfType<string>() },
    };

    /// <summary>{"refuse": true} or {"must": "a; b|c"} (or must as the scorer's list of lists); null for anything else or no words.</summary>
    static async Task<QuestionLabel?> LabelOfAsync(HttpRequest request)
    {
        try
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is not JsonObject body) return null;
            if (body["refuse"]?.GetValue<bool>() == true) return new QuestionLabel { Refuse = true };
            var must = body["must"] switch
            {
                JsonArray groups => [.. groups.Select(g => g!.AsArray().Select(w => w!.GetValue<string>().Trim()).Where(w => w.Length > 0).ToList()).Where(g => g.Count > 0)],
                JsonValue text => LabelledQuestions.ParseMust(text.GetValue<string>()),
                _ => [],
            };
            return must.Count > 0 && must.Sum(g => g.Sum(w => w.Length)) <= 2000 ? new QuestionLabel { Must = must } : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
