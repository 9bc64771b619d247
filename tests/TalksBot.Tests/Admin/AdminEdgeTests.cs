using System.Net;
using System.Text;

namespace TalksBot.Tests.Admin;

/// <summary>The console's edges, probed as an attacker would: headers, sign-in bodies, the token in a URL, names, signing out.</summary>
public class AdminEdgeTests
{
    [Fact]
    public async Task EveryAdminResponseForbidsFramingSniffingCachingAndForeignScript()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var response = await admin.Client.GetAsync("/admin");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "script-src 'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task ASignInThatIsNotASmallFormIsABadRequestNotAServerError()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var json = await admin.Client.PostAsync("/admin/signin", new StringContent("{\"token\":\"x\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        using var huge = await admin.Client.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", new string('a', 200_000))]));
        Assert.True(huge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, huge.StatusCode.ToString());
    }

    [Fact]
    public async Task AConfiguredTokenIsNotTakenFromAUrl()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var response = await admin.Client.GetAsync("/admin/signin?token=" + AdminApp.Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task ANameWithATrailingNewlineIsNotASourceName()
    {
        await using var admin = await AdminApp.StartAsync();
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Harbour Report\nThe harbour reopened."));
        // RFC 5987 encoding carries the newline that a plain header cannot.
        file.Headers.ContentDisposition = new("form-data") { Name = "\"file\"", FileNameStar = "harbour.txt\n" };
        form.Add(file);
        using var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources", form));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Directory.GetFiles(admin.Knowledge.Seeds), f => Path.GetFileName(f).StartsWith("harbour", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SigningOutClearsTheCookieOnItsOwnPath()
    {
        await using var admin = await AdminApp.StartAsync();
        using var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/signout"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the redirect to the sign-in page, followed
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Client.SendAsync(admin.Request(HttpMethod.Get, "/admin/api/overview"))).StatusCode);
    }

    /// <summary>The cookie a browser dropped, sent again from elsewhere (a copied header, a stolen cookie jar), is no session.</summary>
    [Theory]
    [InlineData("header")]
    [InlineData("form")]
    public async Task SigningOutEndsTheSessionOnTheServer(string how)
    {
        await using var admin = await AdminApp.StartAsync();
        var cookie = admin.Cookie();
        using var signOut = how == "header"
            ? admin.Request(HttpMethod.Post, "/admin/signout")
            : admin.Request(HttpMethod.Post, "/admin/signout", new FormUrlEncodedContent([new("csrf", admin.Csrf)]), csrf: false);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.SendAsync(signOut)).StatusCode);

        using var replay = new HttpClient { BaseAddress = new Uri(admin.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/overview");
        request.Headers.Add("Cookie", $"{TalksBot.Admin.AdminEndpoints.Cookie}={cookie}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task ASignOutWithoutTheCsrfTokenChangesNothing()
    {
        await using var admin = await AdminApp.StartAsync();
        using var response = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/signout", csrf: false));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/api/overview")).StatusCode);
    }

    static HttpRequestMessage SignIn(string token, string client, string proto = "http")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/signin") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    [Fact]
    public async Task BehindATrustedProxyEachClientHasItsOwnSignInLimitAndTheCookieIsSecure()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false, new() { ["Serve:TrustedProxies"] = "127.0.0.1" });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(admin.Url) };
        for (var i = 0; i < 6; i++) await http.SendAsync(SignIn("wrong-token-guess", "203.0.113.5"));
        Assert.Equal((HttpStatusCode)429, (await http.SendAsync(SignIn(AdminApp.Token, "203.0.113.5"))).StatusCode);

        using var operator_ = await http.SendAsync(SignIn(AdminApp.Token, "198.51.100.7", "https"));
        Assert.Equal(HttpStatusCode.Redirect, operator_.StatusCode);
        Assert.Contains("secure", string.Join(";", operator_.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        // Right tokens are not guesses: signing in again and again is never refused.
        for (var i = 0; i < 8; i++) Assert.Equal(HttpStatusCode.Redirect, (await http.SendAsync(SignIn(AdminApp.Token, "198.51.100.7", "https"))).StatusCode);
    }

    [Fact]
    public async Task WithoutATrustedProxyForwardedHeadersAreNotBelieved()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(admin.Url) };
        for (var i = 0; i < 6; i++) await http.SendAsync(SignIn("wrong-token-guess", $"203.0.113.{i}"));
        // All came from 127.0.0.1, whatever they claimed: the limit holds for the address that sent them.
        Assert.Equal((HttpStatusCode)429, (await http.SendAsync(SignIn(AdminApp.Token, "198.51.100.7"))).StatusCode);
    }

    [Fact]
    public async Task AConsoleWithAGeneratedTokenIsNotServedOnAnAddressKestrelBindsBeyondLoopback()
    {
        using var kb = new TestKnowledgeBase();
        await using var app = TalksBot.Cli.ServeHost.Build(new Dictionary<string, string?>
        {
            ["Seeds:Path"] = kb.Seeds, ["Index:DatabasePath"] = kb.Database, ["Seeds:Watch"] = "false",
            ["Serve:Urls"] = "http://127.0.0.1:0", // what the loopback rule reads...
            ["Kestrel:Endpoints:Everyone:Url"] = "http://0.0.0.0:0", // ...and what Kestrel binds instead
        });
        await TalksBot.Cli.ServeHost.StartAsync(app, CancellationToken.None);
        try
        {
            var port = new Uri(app.Urls.First()).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
