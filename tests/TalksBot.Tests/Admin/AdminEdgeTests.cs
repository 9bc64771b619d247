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
}
