using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Tests.Http;

public sealed class ConnectorRequestOptionsTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void IsSafeToRepeat_FollowsMethod_WhenUnmarked(string method, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "x");

        ConnectorRequestOptions.IsSafeToRepeat(request).Should().Be(expected);
    }

    [Fact]
    public void IsSafeToRepeat_FollowsMark_WhenMarked()
    {
        using var search = new HttpRequestMessage(HttpMethod.Post, "search");
        using var put = new HttpRequestMessage(HttpMethod.Put, "not-idempotent");

        ConnectorRequestOptions.IsSafeToRepeat(search.MarkSafeToRepeat()).Should().BeTrue();
        ConnectorRequestOptions.IsSafeToRepeat(put.MarkSafeToRepeat(false)).Should().BeFalse();
    }
}
