using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalksBot.Llm;

namespace TalksBot.Tests.Llm;

public class LlmBreakerTests
{
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    readonly LlmBreaker breaker;

    public LlmBreakerTests() =>
        breaker = new LlmBreaker(Options.Create(new OpenAIOptions { BreakSeconds = 30 }), clock, NullLogger<LlmBreaker>.Instance);

    void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(breaker.TryEnter());
            breaker.Failed();
        }
    }

    [Fact]
    public void ThreeFailuresInARowOpenItAndASuccessBetweenThemDoesNot()
    {
        Fail(2);
        Assert.True(breaker.TryEnter());
        breaker.Succeeded();
        Fail(2);
        Assert.True(breaker.TryEnter());
        breaker.Failed();

        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void AfterTheBreakOneCallProbesAndItsSuccessClosesTheBreaker()
    {
        Fail(3);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter()); // the others answer offline until the probe ends
        breaker.Succeeded();
        Assert.True(breaker.TryEnter());
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void AFailedProbeOpensItForAnotherBreak()
    {
        Fail(3);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryEnter());
        breaker.Failed();

        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void CallsUnderWayWhenItOpenedDoNotLengthenTheBreak()
    {
        for (var i = 0; i < 5; i++) Assert.True(breaker.TryEnter()); // five calls go out together
        for (var i = 0; i < 5; i++) breaker.Failed();
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void AProbeTheCallerAbandonedLetsTheNextCallProbe()
    {
        Fail(3);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryEnter());
        breaker.Abandoned();
        Assert.True(breaker.TryEnter());
    }
}
