using System.Net;
using System.Net.Http.Headers;
using IpaasMonitor.Connectors.Http;
using IpaasMonitor.Connectors.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace IpaasMonitor.Connectors.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 12, 9, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetRetryAfter_ReadsSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        ConnectorHttp.GetRetryAfter(response, new FakeTimeProvider(Now)).Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void GetRetryAfter_ReadsHttpDate_RelativeToNow()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Tue, 09 Dec 2025 12:00:30 GMT");

        ConnectorHttp.GetRetryAfter(response, new FakeTimeProvider(Now)).Should().Be(TimeSpan.FromSeconds(30));
        ConnectorHttp.GetRetryAfter(response, new FakeTimeProvider(Now.AddMinutes(5))).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void ShouldRetry_RetriesUnsafe429_ButNotBeyondMaxRetryAfter()
    {
        var profile = new ResilienceProfileOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) };
        using var post = new HttpRequestMessage(HttpMethod.Post, "brand");
        using var soon = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        soon.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        using var late = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        late.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        ConnectorResilience.ShouldRetry(Outcome.FromResult(soon), post, profile).Should().BeTrue();
        ConnectorResilience.ShouldRetry(Outcome.FromResult(late), post, profile).Should().BeFalse();
        ConnectorResilience.ShouldRetry(Outcome.FromResult(unavailable), post, profile).Should().BeFalse();
        ConnectorResilience.ShouldRetry(Outcome.FromResult(unavailable), post.MarkSafeToRepeat(), profile).Should().BeTrue();
    }

    [Fact]
    public void ShouldRetry_Retries423_ForSafeRequests()
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "inventory");
        using var locked = new HttpResponseMessage(HttpStatusCode.Locked);

        ConnectorResilience.ShouldRetry(Outcome.FromResult(locked), put, new ResilienceProfileOptions()).Should().BeTrue();
    }
}
