using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Web.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it, so a test can wait until a component has
/// armed its timer before advancing the clock (an advance made before the timer exists is lost for that timer).
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int timersCreated;

    /// <summary>How many timers (including <see cref="PeriodicTimer"/>s) have been created on this clock so far.</summary>
    public int TimersCreated => Volatile.Read(ref timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref timersCreated);
        return timer;
    }
}
