using System.Net;
using IpaasMonitor.Connectors.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Connectors.Tests.Resilience;

/// <summary>In-run retries of an item step (ADR-018): back-off on a fake clock, bounds, per-system profiles, Retry-After.</summary>
public sealed class StepRetryTests
{
    private static readonly StepRetryOptions Options = new()
    {
        VtexCatalog = new StepRetryProfile { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(5) },
    };

    [Fact]
    public async Task TransientFailure_IsTriedAgainAfterEachBackOff_OnTheClock_UntilItSucceeds()
    {
        var time = new TimerCountingTime();
        var tries = 0;
        var waits = new List<TimeSpan>();
        var run = StepRetry.RunAsync(
            _ => Task.FromResult(Interlocked.Increment(ref tries) < 3 ? Outcome.Failing(Transient("api/catalog/pvt/stockkeepingunit")) : Outcome.Done),
            o => o.Failure,
            _ => null,
            Options,
            time,
            (_, delay, _) => waits.Add(delay),
            CancellationToken.None);

        time.WaitForTimers(1).Should().BeTrue("the first retry waits on the clock");
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Volatile.Read(ref tries).Should().Be(1, "the first retry waits the base delay");
        time.Advance(TimeSpan.FromMilliseconds(1));
        time.WaitForTimers(2).Should().BeTrue("the second retry waits on the clock too");
        Volatile.Read(ref tries).Should().Be(2);
        time.Advance(TimeSpan.FromSeconds(3.9));
        Volatile.Read(ref tries).Should().Be(2, "the second waits twice as long");
        time.Advance(TimeSpan.FromSeconds(0.1));

        (await run).Should().Be(Outcome.Done);
        tries.Should().Be(3);
        waits.Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task RetriesAreBounded_ByTheProfileOfTheSystemTheStepFailedOn()
    {
        static StepRetryProfile Retries(int count) => new() { MaxRetries = count, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        var options = new StepRetryOptions { VtexCatalog = Retries(1), VtexLogistics = Retries(4), VtexOms = Retries(2), VtexPricing = Retries(0), Erp = Retries(3) };

        (await TriesUntilGivenUpAsync(options, Transient("api/catalog/pvt/brand"))).Should().Be(2);
        (await TriesUntilGivenUpAsync(options, Transient("/api/logistics/pvt/inventory/skus/1/warehouses/1_1"))).Should().Be(5);
        (await TriesUntilGivenUpAsync(options, Transient("api/oms/pvt/orders/1"))).Should().Be(3);
        (await TriesUntilGivenUpAsync(options, Transient("pricing/prices/1", ConnectorSystem.VtexPricing))).Should().Be(1);
        (await TriesUntilGivenUpAsync(options, Transient("api/totvsmoda/product/v2/balances/search", ConnectorSystem.Erp))).Should().Be(4);
    }

    [Fact]
    public async Task PermanentFailure_OrRetriesOff_IsNotTriedAgain()
    {
        var permanent = new ConnectorException(Failure("api/catalog/pvt/brand", ConnectorSystem.Vtex, ConnectorErrorKind.Permanent, HttpStatusCode.BadRequest));

        (await TriesUntilGivenUpAsync(Options, permanent)).Should().Be(1);
        (await TriesUntilGivenUpAsync(new StepRetryOptions { Enabled = false }, Transient("api/catalog/pvt/brand"))).Should().Be(1);
    }

    [Fact]
    public void RetryAfter_LongerThanTheBackOff_IsWaited_ButOneLongerThanMaxDelayIsLeftToTheNextRun()
    {
        Options.DelayBefore(1, Transient("api/catalog/pvt/brand", retryAfter: TimeSpan.FromSeconds(4))).Should().Be(TimeSpan.FromSeconds(4));
        Options.DelayBefore(1, Transient("api/catalog/pvt/brand", retryAfter: TimeSpan.FromSeconds(1))).Should().Be(TimeSpan.FromSeconds(2));
        Options.DelayBefore(1, Transient("api/catalog/pvt/brand", retryAfter: TimeSpan.FromSeconds(30))).Should().BeNull();
        Options.DelayBefore(3, Transient("api/catalog/pvt/brand")).Should().Be(TimeSpan.FromSeconds(5), "the back-off stops at MaxDelay");
        Options.DelayBefore(4, Transient("api/catalog/pvt/brand")).Should().BeNull();
    }

    [Fact]
    public async Task AnOutcomeThatNamesItsFailedPart_RetriesThatPartOnly()
    {
        var whole = 0;
        var part = 0;
        Task<Outcome> Part(CancellationToken _) => Task.FromResult(++part < 2 ? Outcome.Failing(Transient("pricing/prices/1", ConnectorSystem.VtexPricing)) with { Repeat = Part } : Outcome.Done);
        var options = new StepRetryOptions { VtexPricing = new StepRetryProfile { MaxRetries = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero } };

        var outcome = await StepRetry.RunAsync(
            _ =>
            {
                whole++;
                return Task.FromResult(Outcome.Failing(Transient("pricing/prices/1", ConnectorSystem.VtexPricing)) with { Repeat = Part });
            },
            o => o.Failure,
            o => o.Repeat,
            options,
            new FakeTimeProvider(),
            null,
            CancellationToken.None);

        outcome.Should().Be(Outcome.Done);
        (whole, part).Should().Be((1, 2), "the part that worked is not done again");
    }

    private static async Task<int> TriesUntilGivenUpAsync(StepRetryOptions options, ConnectorException failure)
    {
        var tries = 0;
        var outcome = await StepRetry.RunAsync(
            _ =>
            {
                tries++;
                return Task.FromResult(Outcome.Failing(failure));
            },
            o => o.Failure,
            _ => null,
            options,
            new FakeTimeProvider(),
            null,
            CancellationToken.None);
        outcome.Failure.Should().BeSameAs(failure, "the last failure is the answer");
        return tries;
    }

    private static ConnectorException Transient(string path, ConnectorSystem system = ConnectorSystem.Vtex, TimeSpan? retryAfter = null) =>
        new(Failure(path, system, ConnectorErrorKind.Transient, HttpStatusCode.ServiceUnavailable) with { RetryAfter = retryAfter });

    private static ConnectorFailure Failure(string path, ConnectorSystem system, ConnectorErrorKind kind, HttpStatusCode status) => new()
    {
        Kind = kind,
        System = system,
        ConnectionId = "c1",
        RequestMethod = "POST",
        RequestPath = path,
        StatusCode = status,
    };

    /// <summary>A fake clock that counts the timers created on it, so the test advances it only once a delay is waiting.</summary>
    private sealed class TimerCountingTime : FakeTimeProvider
    {
        private int timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }

        public bool WaitForTimers(int count) => SpinWait.SpinUntil(() => Volatile.Read(ref timers) >= count, TimeSpan.FromSeconds(30));
    }

    private sealed record Outcome(ConnectorException? Failure)
    {
        public static readonly Outcome Done = new((ConnectorException?)null);

        public Func<CancellationToken, Task<Outcome>>? Repeat { get; init; }

        public static Outcome Failing(ConnectorException failure) => new(failure);
    }
}
