using System.Net;
using TalksBot.Bench;

namespace TalksBot.Tests.Admin;

/// <summary>With PostgreSQL gone the console answers 503 with what is wrong, never an unhandled 500.</summary>
public class AdminStorageOutageTests
{
    [Fact]
    public async Task WithTheDatabaseAwayTheConsoleSaysSo()
    {
        var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await using var admin = await AdminApp.StartAsync(extra: new() { ["Storage:Provider"] = "postgres", ["ConnectionStrings:Postgres"] = connection });
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/api/overview")).StatusCode);

        await postgres.DisposeAsync();

        var overview = await admin.Client.GetAsync("/admin/api/overview");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overview.StatusCode);
        Assert.Contains("cannot be reached", await overview.Content.ReadAsStringAsync());
        var signIn = await admin.Client.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", AdminApp.Token)]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Contains("cannot be reached", await signIn.Content.ReadAsStringAsync());
    }
}
