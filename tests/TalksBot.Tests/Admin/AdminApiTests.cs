using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Tests.Admin;

public class AdminApiTests
{
    [Theory]
    [InlineData("GET", "/admin/api/overview")]
    [InlineData("GET", "/admin/api/reindex")]
    [InlineData("POST", "/admin/api/reindex")]
    [InlineData("POST", "/admin/api/sources")]
    [InlineData("DELETE", "/admin/api/sources/000_7f7bebdaa598bfbf.txt")]
    [InlineData("GET", "/admin/api/questions")]
    [InlineData("POST", "/admin/api/try")]
    public async Task EveryApiRouteNeedsASession(string method, string path)
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        var response = await admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(admin.Knowledge.Seeds, "000_7f7bebdaa598bfbf.txt")));
    }

    [Fact]
    public async Task WithoutASessionThePageIsTheSignInFormAndAWrongTokenIsRefusedThenRateLimited()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        Assert.Contains("Admin token", await admin.Client.GetStringAsync("/admin"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await admin.Client.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", "wrong-token-" + i)]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.Client.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", AdminApp.Token)]))).StatusCode);
    }

    [Fact]
    public async Task ChangesWithoutTheCsrfTokenAreRefused()
    {
        await using var admin = await AdminApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/api/overview")).StatusCode);
        var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Delete, "/admin/api/sources/000_7f7bebdaa598bfbf.txt", csrf: false));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(admin.Knowledge.Seeds, "000_7f7bebdaa598bfbf.txt")));
    }

    [Fact]
    public async Task TheOverviewShowsTheSourcesEngineAndFrontEnds()
    {
        await using var admin = await AdminApp.StartAsync();
        var overview = (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/overview"))!;
        Assert.Equal(5, overview["sources"]!.AsArray().Count);
        Assert.Equal("extractive", overview["engine"]!.GetValue<string>());
        Assert.Equal("off", overview["frontEnds"]!["telegram"]!.GetValue<string>());
        Assert.True(overview["database"]!["sizeBytes"]!.GetValue<long>() > 0);
        Assert.StartsWith("not read", overview["vectors"]!.GetValue<string>());
    }

    [Fact]
    public async Task InCarefulModeTheOverviewSaysHowMuchOfTheIndexIsEmbedded()
    {
        await using var admin = await AdminApp.StartAsync(extra: new() { ["Answer:Gate"] = "true" });
        var overview = (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/overview"))!;
        Assert.Equal("extractive (careful)", overview["engine"]!.GetValue<string>());
        // "N of M sentences embedded", with the serve warmer at work on the seeds' sentences.
        var state = System.Text.RegularExpressions.Regex.Match(overview["vectors"]!.GetValue<string>(), @"^([\d,]+) of ([\d,]+) sentences embedded$");
        Assert.True(state.Success, overview["vectors"]!.GetValue<string>());
        Assert.True(int.Parse(state.Groups[2].Value.Replace(",", "")) > 100);
    }

    static MultipartFormDataContent Upload(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }

    [Theory]
    [InlineData("binary.txt", "binary", HttpStatusCode.UnsupportedMediaType, "binary")]
    [InlineData("huge.txt", "huge", HttpStatusCode.RequestEntityTooLarge, "limit")]
    [InlineData("../escape.txt", "ok", HttpStatusCode.OK, "escape.txt")]
    [InlineData("notes.odt", "ok", HttpStatusCode.BadRequest, "not a usable name")]
    [InlineData("fake.pdf", "ok", HttpStatusCode.UnsupportedMediaType, "cannot be read as PDF")]
    [InlineData("fake.docx", "ok", HttpStatusCode.UnsupportedMediaType, "cannot be read as DOCX")]
    [InlineData("latin1.txt", "latin1", HttpStatusCode.UnsupportedMediaType, "UTF-8")]
    public async Task UploadsAreValidatedWithAClearMessage(string name, string kind, HttpStatusCode expected, string message)
    {
        await using var admin = await AdminApp.StartAsync();
        var bytes = kind switch
        {
            "binary" => new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2 },
            "huge" => Encoding.UTF8.GetBytes(new string('a', 2_100_000)),
            "latin1" => Encoding.Latin1.GetBytes("Caf\u00e9 News\nThe caf\u00e9 opened."),
            _ => Encoding.UTF8.GetBytes("Escape News\nThe ferry escaped the storm."),
        };
        var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources", Upload(name, bytes)));
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(admin.Knowledge.Root, "escape.txt")));
    }

    [Fact]
    public async Task AnUploadedSourceIsIndexedAndAnswerableAndCanBeRemoved()
    {
        await using var admin = await AdminApp.StartAsync();
        var upload = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources",
            Upload("lighthouse.md", Encoding.UTF8.GetBytes("Lighthouse Report\nThe old lighthouse on the cape was painted red and white in 1998."))));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(1, (await upload.Content.ReadFromJsonAsync<JsonNode>())!["run"]!["added"]!.GetValue<int>());

        var answer = await Try(admin, "When was the lighthouse on the cape painted?");
        Assert.Equal("lighthouse.md", answer["citations"]![0]!["source"]!.GetValue<string>());
        Assert.NotNull(answer["passages"]![0]!["signals"]!["bm25"]);

        var removed = await admin.Client.SendAsync(admin.Request(HttpMethod.Delete, "/admin/api/sources/lighthouse.md"));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.True((await Try(admin, "When was the lighthouse on the cape painted?"))["refused"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUploadOfAnExistingNameReplacesItOnlyWhenAskedTo()
    {
        await using var admin = await AdminApp.StartAsync();
        var path = Path.Combine(admin.Knowledge.Seeds, "000_7f7bebdaa598bfbf.txt");
        var before = await File.ReadAllBytesAsync(path);
        var replacement = Encoding.UTF8.GetBytes("Lighthouse Report\nThe old lighthouse on the cape was painted red and white in 1998.");

        var refused = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources", Upload("000_7f7bebdaa598bfbf.txt", replacement)));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("already a source", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await File.ReadAllBytesAsync(path));

        var replaced = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources?replace=true", Upload("000_7f7bebdaa598bfbf.txt", replacement)));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = (await replaced.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(body["replaced"]!.GetValue<bool>());
        Assert.Equal(1, body["run"]!["changed"]!.GetValue<int>());
        Assert.Equal(replacement, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(admin.Knowledge.Seeds, ".*")); // no part-written file left beside it
    }

    [Fact]
    public async Task AnUploadNeverWritesThroughALink()
    {
        await using var admin = await AdminApp.StartAsync();
        var outside = Path.Combine(admin.Knowledge.Root, "outside.txt");
        await File.WriteAllTextAsync(outside, "Outside\nNot to be overwritten.");
        File.CreateSymbolicLink(Path.Combine(admin.Knowledge.Seeds, "linked.txt"), outside);
        var nowhere = Path.Combine(admin.Knowledge.Root, "created-by-upload.txt");
        File.CreateSymbolicLink(Path.Combine(admin.Knowledge.Seeds, "dangling.txt"), nowhere);

        foreach (var name in new[] { "linked.txt", "dangling.txt" })
            foreach (var replace in new[] { "", "?replace=true" })
            {
                var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources" + replace,
                    Upload(name, Encoding.UTF8.GetBytes("Harbour News\nThe harbour opened on Monday."))));
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                Assert.Contains("is a link or a folder", await response.Content.ReadAsStringAsync());
            }
        Assert.Equal("Outside\nNot to be overwritten.", await File.ReadAllTextAsync(outside));
        Assert.False(File.Exists(nowhere));
    }

    static async Task<JsonNode> Try(AdminApp admin, string question) =>
        (await (await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/try", JsonContent.Create(new { question })))).Content.ReadFromJsonAsync<JsonNode>())!;

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"question\": 42}")]
    [InlineData("[]")]
    public async Task TryingAMalformedQuestionIsAClearError(string body)
    {
        await using var admin = await AdminApp.StartAsync();

        var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/try", new StringContent(body, System.Text.Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("question", (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReindexRequestedWhileOneRunsStartsNoSecond()
    {
        await using var admin = await AdminApp.StartAsync();
        var knowledge = (TalksBot.Index.KnowledgeBase)admin.App.Services.GetService(typeof(TalksBot.Index.KnowledgeBase))!;
        var runsBefore = (await knowledge.Store.RunsAsync(100)).Count;
        // A reindex held in its first step keeps the knowledge base busy for as long as the test needs
        // (a reindex of thousands of files takes well under a second here, too short to rely on).
        var hold = new HeldProgress();
        var held = Task.Run(() => knowledge.ReindexAsync(full: false, hold));
        await hold.Reached;

        var first = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/reindex?full=true"));
        var second = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/reindex?full=true"));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.True((await second.Content.ReadFromJsonAsync<JsonNode>())!["running"]!.GetValue<bool>());

        hold.Release();
        await held;
        JsonNode state;
        do
        {
            await Task.Delay(100);
            state = (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/reindex"))!;
        } while (state["running"]!.GetValue<bool>());
        Assert.True(state["last"]!["full"]!.GetValue<bool>());
        Assert.Equal(runsBefore + 2, (await knowledge.Store.RunsAsync(100)).Count); // the held one and the console's, no third
    }

    /// <summary>Progress whose first report waits until the test releases it.</summary>
    sealed class HeldProgress : IProgress<TalksBot.Index.IndexProgress>
    {
        readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly ManualResetEventSlim released = new();
        public Task Reached => reached.Task;
        public void Release() => released.Set();

        public void Report(TalksBot.Index.IndexProgress value)
        {
            reached.TrySetResult();
            released.Wait(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task TheQuestionsLogIsPagedAndFiltersByRefusalFrontEndAndText()
    {
        await using var admin = await AdminApp.StartAsync();
        await Try(admin, "Who is Rustem Umerov?");
        await Try(admin, "Who won the World Cup?");
        var answers = admin.App.Services.GetRequiredService<AnswerService>();
        for (var i = 0; i < 5; i++) await answers.AskAsync($"Who is Rustem Umerov? ({i})", asker: new Asker("telegram", "u"));
        async Task<JsonNode> Get(string query) => (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/questions" + query))!;
        static List<string> Questions(JsonNode page) => [.. page["items"]!.AsArray().Select(q => q!["question"]!.GetValue<string>())];

        Assert.Equal(["Who won the World Cup?"], Questions(await Get("?refused=true&frontEnd=admin")));
        var first = await Get("?size=3");
        Assert.Equal(7, first["total"]!.GetValue<int>());
        Assert.Equal(["Who is Rustem Umerov? (4)", "Who is Rustem Umerov? (3)", "Who is Rustem Umerov? (2)"], Questions(first));
        Assert.Equal(["Who is Rustem Umerov?"], Questions(await Get("?size=3&page=2"))); // the oldest
        Assert.Equal(2, (await Get("?frontEnd=admin"))["total"]!.GetValue<int>());
        Assert.Equal(["Who won the World Cup?"], Questions(await Get("?q=world cup")));
        Assert.Equal(6, (await Get("?q=UMEROV"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task HealthNeedsNoSignIn()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        Assert.Contains("ok", await admin.Client.GetStringAsync("/healthz"));
    }
}
