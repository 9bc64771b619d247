using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Discord;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Llm;
using TalksBot.Questions;
using TalksBot.Semantic;
using TalksBot.Telegram;

namespace TalksBot.Admin;

/// <summary>
/// The admin console: /admin (the page, or the sign-in form), /admin/signin, /admin/signout, and the
/// JSON API under /admin/api, where every route needs a session and every change the session's
/// CSRF token in X-CSRF-Token.
/// </summary>
public static partial class AdminEndpoints
{
    public const string Cookie = "talksbot_admin";

    // The pages ship with the program and do not change while it runs.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Pages = new();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(txt|md|html|htm|pdf|docx)\z", RegexOptions.IgnoreCase)]
    private static partial Regex SourceName();

    /// <summary>A sign-in form is a token and no more.</summary>
    const long MaxSignInBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // A token made at start is printed on the console and may stand in a link: such a console is only for this machine,
            // whatever Serve:Urls said (Kestrel:Endpoints can bind other addresses), so the addresses actually bound are checked.
            if (http.RequestServices.GetRequiredService<AdminSessions>().TokenIsGenerated && !BoundToLoopbackOnly(http)) return Results.NotFound();
            SecureHeaders(http);
            try
            {
                return await next(context);
            }
            catch (Npgsql.NpgsqlException)
            {
                // Sessions, sign-in counts and everything shown live in the shared store: while it is away the console says so.
                const string away = "The database (PostgreSQL) cannot be reached just now; the bot keeps answering from its index. Try again in a moment.";
                return http.Request.Path.StartsWithSegments("/admin/api") ? Error(away, 503) : Page(http, "signin.html", 503, ("error", away));
            }
        });
        admin.MapGet("", async (HttpContext context, AdminSessions sessions) => await SessionOfAsync(context, sessions) is { } session
            ? Page(context, "admin.html", 200, ("csrf", session.Csrf))
            : Page(context, "signin.html", 200, ("error", "")));
        // The link printed at start carries the token made for this run; a configured, long-lived token is typed into the form,
        // so that it never stands in a URL (browser history, proxy logs).
        admin.MapGet("/signin", async (HttpContext context, AdminSessions sessions, string? token) => sessions.TokenIsGenerated
            ? await SignInAsync(context, sessions, token)
            : Page(context, "signin.html", 400, ("error", "Type the token into the form.")));
        admin.MapPost("/signin", async (HttpContext context, AdminSessions sessions) =>
        {
            if (!context.Request.HasFormContentType) return Page(context, "signin.html", 400, ("error", "Send the sign-in form."));
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxSignInBytes;
            try
            {
                return await SignInAsync(context, sessions, (await context.Request.ReadFormAsync(context.RequestAborted))["token"]);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Page(context, "signin.html", e is BadHttpRequestException { StatusCode: 413 } ? 413 : 400, ("error", "That sign-in form could not be read."));
            }
        });
        // The session ends on the server, not only the cookie in this browser; the CSRF token comes as the header (the page's
        // script) or as the form's field (without script), and without it nothing changes, so nobody is signed out half-way.
        admin.MapPost("/signout", async (HttpContext context, AdminSessions sessions) =>
        {
            if (await SessionOfAsync(context, sessions) is { } session)
            {
                if (await CsrfOfAsync(context) != session.Csrf) return Results.Json(new { error = "Missing or wrong CSRF token." }, statusCode: 403);
                await sessions.SignOutAsync(session.Id, context.RequestAborted);
            }
            context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/admin", Secure = context.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Strict });
            return Results.Redirect("/admin");
        });

        var api = admin.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var session = await SessionOfAsync(http, http.RequestServices.GetRequiredService<AdminSessions>());
            if (session is null) return Results.Json(new { error = "Sign in first." }, statusCode: 401);
            if (!HttpMethods.IsGet(http.Request.Method) && http.Request.Headers["X-CSRF-Token"] != session.Csrf)
                return Results.Json(new { error = "Missing or wrong CSRF token." }, statusCode: 403);
            return await next(context);
        });
        api.MapGet("/overview", Overview);
        api.MapGet("/reindex", (ReindexRunner reindexer) => Results.Json(ReindexState(reindexer)));
        api.MapPost("/reindex", (ReindexRunner reindexer, bool? full) =>
            reindexer.Start(full ?? false) ? Results.Json(ReindexState(reindexer), statusCode: 202) : Results.Json(ReindexState(reindexer), statusCode: 409));
        api.MapPost("/sources", Upload);
        api.MapDelete("/sources/{name}", Remove);
        api.MapPost("/sources/link", AddLink);
        MapFeeds(api);
        MapSourceView(api);
        MapQuestions(api);
        api.MapPost("/try", async (HttpRequest request, AnswerService answers) =>
        {
            string? question;
            try
            {
                question = (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))?["question"]?.GetValue<string>();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                question = null;
            }
            if (question is null) return Error("Send JSON with a \"question\" string.");
            var answer = await answers.AskAsync(question, asker: new Asker("admin"), cancellationToken: request.HttpContext.RequestAborted);
            return Results.Content(AnswerJson.From(answer, signals: true).ToJsonString(), "application/json");
        });
        return app;
    }

    static async Task<IResult> SignInAsync(HttpContext context, AdminSessions sessions, string? token)
    {
        var (result, session) = await sessions.TrySignInAsync(token, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.RequestAborted);
        switch (result)
        {
            case AdminSessions.SignIn.Ok:
                context.Response.Cookies.Append(Cookie, session!.Id, new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/admin", Expires = session.Expires,
                });
                return Results.Redirect("/admin");
            case AdminSessions.SignIn.TooMany:
                return Page(context, "signin.html", 429, ("error", "Too many wrong tokens; wait a minute."));
            default:
                return Page(context, "signin.html", 401, ("error", "That token is not right."));
        }
    }

    static async Task<string?> CsrfOfAsync(HttpContext context)
    {
        if (context.Request.Headers["X-CSRF-Token"] is { Count: > 0 } header) return header.ToString();
        if (!context.Request.HasFormContentType) return null;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxSignInBytes;
        try
        {
            return (await context.Request.ReadFormAsync(context.RequestAborted))["csrf"];
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }

    static Task<AdminSessions.Session?> SessionOfAsync(HttpContext context, AdminSessions sessions) =>
        sessions.FindAsync(context.Request.Cookies[Cookie], context.RequestAborted);

    static async Task<IResult> Overview(KnowledgeBase knowledge, IOptions<AnswerOptions> answers, IOptions<TalksBot.Llm.OpenAIOptions> openAI,
        IOptions<TelegramOptions> telegram, IOptions<DiscordOptions> discord, ReindexRunner reindexer, SentenceVectors vectors, CancellationToken cancellationToken)
    {
        var store = knowledge.Store;
        var sources = await store.SourcesAsync(cancellationToken);
        var runs = await store.RunsAsync(1, cancellationToken);
        var engine = answers.Value.Engine;
        return Results.Json(new
        {
            sources = sources.Select(s => new { file = s.Id, s.Title, s.Outlet, s.Language, s.Chunks, hash = s.Hash[..Math.Min(12, s.Hash.Length)], s.IndexedAt }),
            database = new { path = store.Location, sizeBytes = await store.SizeBytesAsync(cancellationToken) },
            engine = engine == LlmEngine.EngineName ? $"openai ({openAI.Value.Model})" : answers.Value.Gate ? engine + " (careful)" : engine,
            vectors = vectors.State(await knowledge.GetAsync(cancellationToken: cancellationToken)),
            frontEnds = new
            {
                telegram = telegram.Value.Enabled ? $"on ({telegram.Value.Mode})" : "off",
                discord = discord.Value.Enabled ? "on" : "off",
            },
            lastRun = runs.FirstOrDefault(),
            reindex = ReindexState(reindexer),
        });
    }

    static object ReindexState(ReindexRunner reindexer) => new { running = reindexer.Running, progress = reindexer.Progress, last = reindexer.Last };

    /// <remarks>A source of the same name is replaced only with replace=true (the console asks first): 409 otherwise.</remarks>
    static async Task<IResult> Upload(HttpRequest request, IOptions<AdminOptions> options, IOptions<SeedsOptions> seeds, ISeedLibrary library, ReindexRunner reindexer, bool? replace)
    {
        if (!request.HasFormContentType) return Error("Upload a file as multipart/form-data, field \"file\".");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form.Files["file"] is not { } file) return Error("No file was uploaded (field \"file\").");
        var name = Path.GetFileName(file.FileName);
        if (!SourceName().IsMatch(name)) return Error($"\"{name}\" is not a usable name: letters, digits, . _ - and a .txt, .md, .html, .htm, .pdf or .docx ending.");
        var limit = Math.Min(options.Value.MaxUploadBytes, seeds.Value.MaxFileBytes);
        if (file.Length > limit) return Error($"\"{name}\" is {file.Length / 1_000_000.0:0.#} MB; the limit is {limit / 1_000_000.0:0.#} MB.", 413);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.ToArray();
        var (_, _, problem) = TalksBot.Documents.DocumentText.Read(name, bytes);
        if (problem is not null) return Error($"\"{name}\" {problem}.", 415);

        switch (await library.SaveAsync(name, bytes, replace ?? false, request.HttpContext.RequestAborted))
        {
            case SaveOutcome.Exists:
                return Results.Json(new { error = $"\"{name}\" is already a source. Send it with replace=true to replace it.", exists = true }, statusCode: 409);
            case SaveOutcome.NotAFile:
                return Error($"\"{name}\" is a link or a folder in the seeds folder; an upload does not write through it.", 409);
            case var outcome:
                return Results.Json(new { file = name, replaced = outcome == SaveOutcome.Replaced, run = await ReindexAfterChangeAsync(reindexer) });
        }
    }

    /// <remarks>The fetch's refusal (a private address, too large, not a page…) is a 422 with its reason.</remarks>
    static async Task<IResult> AddLink(HttpRequest request, TalksBot.Sources.LinkSources links)
    {
        if (await UrlOfAsync(request) is not { } url) return Error("Send JSON with a \"url\" string.");
        var added = await links.AddAsync(url, request.HttpContext.RequestAborted);
        if (added.Problem is not null) return Error($"Not added: {added.Problem}.", 422);
        if (added.SameAs is not null) return Error($"Not added: the page is the same article as {added.SameAs}, which is indexed already.", 409);
        return Results.Json(new { file = added.Name, replaced = added.Replaced, title = added.Page?.Title, run = added.Run });
    }

    static async Task<IResult> Remove(string name, ISeedLibrary library, ReindexRunner reindexer, CancellationToken cancellationToken)
    {
        if (!SourceName().IsMatch(name) || !await library.RemoveAsync(name, cancellationToken)) return Error($"There is no source \"{name}\".", 404);
        return Results.Json(new { file = name, run = await ReindexAfterChangeAsync(reindexer, allowRemovingAll: true) });
    }

    /// <summary>Runs a reindex for the change, or waits for the one running and then runs another, which picks the change up.</summary>
    static async Task<IndexRun?> ReindexAfterChangeAsync(ReindexRunner reindexer, bool allowRemovingAll = false)
    {
        while (!reindexer.Start(full: false, allowRemovingAll)) await reindexer.Current!;
        return await reindexer.Current!;
    }

    /// <summary>The "url" of a JSON body, or null for anything else.</summary>
    static async Task<string?> UrlOfAsync(HttpRequest request)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))?["url"]?.GetValue<string>() is { } url
                && !string.IsNullOrWhiteSpace(url) ? url : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    static IResult Error(string message, int status = 400) => Results.Json(new { error = message }, statusCode: status);

    static bool BoundToLoopbackOnly(HttpContext context)
    {
        var addresses = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0 && Cli.ServeUrls.AllLoopback(string.Join(';', addresses));
    }

    /// <summary>
    /// What every /admin response carries: no framing, no sniffing, no referrer, no caching, and a
    /// content policy that runs only this response's own inline script and style (by nonce).
    /// </summary>
    static void SecureHeaders(HttpContext context)
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:; " +
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    const string NonceKey = "talksbot.admin.nonce";

    /// <summary>A page from Admin/ with {{name}} placeholders filled, HTML-escaped, and its script and style given this response's nonce.</summary>
    static IResult Page(HttpContext context, string file, int status, params (string Name, string Value)[] values)
    {
        var html = Pages.GetOrAdd(file, f => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Admin", f)));
        foreach (var (name, value) in values) html = html.Replace("{{" + name + "}}", WebUtility.HtmlEncode(value));
        var nonce = context.Items[NonceKey] as string ?? "";
        html = html.Replace("<script>", $"<script nonce=\"{nonce}\">").Replace("<style>", $"<style nonce=\"{nonce}\">");
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
