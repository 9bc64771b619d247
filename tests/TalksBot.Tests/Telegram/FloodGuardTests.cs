using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalksBot.Telegram;

namespace TalksBot.Tests.Telegram;

public class FloodGuardTests
{
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    readonly FloodGuard guard;

    public FloodGuardTests() => guard = new FloodGuard(Options.Create(new TelegramOptions { QuestionsPerUserPerMinute = 8 }), clock);

    [Fact]
    public void PastTheLimitAUserIsAskedOnceToSlowDownThenIgnoredUntilTheMinuteIsOver()
    {
        for (var i = 0; i < 8; i++) Assert.Equal(FloodGuard.Verdict.Answer, guard.Check(1));
        Assert.Equal(FloodGuard.Verdict.SlowDown, guard.Check(1));
        Assert.Equal(FloodGuard.Verdict.Ignore, guard.Check(1));
        Assert.Equal(FloodGuard.Verdict.Answer, guard.Check(2));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(FloodGuard.Verdict.Answer, guard.Check(1));
    }

    [Fact]
    public void UsersWhoWentQuietAreForgotten()
    {
        for (var user = 0; user < 3000; user++) guard.Check(user);
        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 1000; i++) guard.Check(100_000 + i % 10);

        Assert.True(guard.Users <= 10, $"{guard.Users} users remembered");
    }
}
