using Microsoft.Extensions.Time.Testing;
using TalksBot.Limits;

namespace TalksBot.Tests.Limits;

public class FloodGuardTests
{
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    readonly RecentEvents events;
    readonly FloodGuard guard;

    public FloodGuardTests()
    {
        events = new RecentEvents(clock);
        guard = new FloodGuard(events);
    }

    [Fact]
    public async Task PastTheLimitAUserIsAskedOnceToSlowDownThenIgnoredUntilTheMinuteIsOver()
    {
        for (var i = 0; i < 8; i++) Assert.Equal(FloodGuard.Verdict.Answer, await guard.CheckAsync("telegram:1", 8));
        Assert.Equal(FloodGuard.Verdict.SlowDown, await guard.CheckAsync("telegram:1", 8));
        Assert.Equal(FloodGuard.Verdict.Ignore, await guard.CheckAsync("telegram:1", 8));
        Assert.Equal(FloodGuard.Verdict.Answer, await guard.CheckAsync("telegram:2", 8));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(FloodGuard.Verdict.Answer, await guard.CheckAsync("telegram:1", 8));
    }

    [Fact]
    public async Task UsersWhoWentQuietAreForgotten()
    {
        for (var user = 0; user < 3000; user++) await guard.CheckAsync($"telegram:{user}", 8);
        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 1000; i++) await guard.CheckAsync($"telegram:{100_000 + i % 10}", 8);

        Assert.True(events.Keys <= 10, $"{events.Keys} users remembered");
    }
}
