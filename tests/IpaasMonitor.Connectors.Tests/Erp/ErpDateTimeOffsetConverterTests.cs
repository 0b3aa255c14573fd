using System.Text.Json;
using IpaasMonitor.Connectors.Erp;

namespace IpaasMonitor.Connectors.Tests.Erp;

public sealed class ErpDateTimeOffsetConverterTests
{
    [Theory]
    [InlineData("\"2025-12-09T10:00:00-03:00\"", "2025-12-09T13:00:00+00:00")]
    [InlineData("\"2025-12-09T13:00:00Z\"", "2025-12-09T13:00:00+00:00")]
    [InlineData("\"2025-12-09T10:00:00\"", "2025-12-09T13:00:00+00:00")]
    [InlineData("\"2025-12-09T10:00:00.123\"", "2025-12-09T13:00:00.123+00:00")]
    [InlineData("\"2025-12-09\"", "2025-12-09T03:00:00+00:00")]
    public void Read_AssumesBrasilia_WhenNoOffset(string json, string expectedUtc) =>
        JsonSerializer.Deserialize<DateTimeOffset>(json, ErpJson.Options).UtcDateTime
            .Should().Be(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);

    [Fact]
    public void Write_KeepsTheOffset() =>
        JsonSerializer.Serialize(new DateTimeOffset(2025, 12, 9, 0, 0, 0, TimeSpan.FromHours(-3)), ErpJson.Options)
            .Should().Be("\"2025-12-09T00:00:00-03:00\"");

    [Fact]
    public void Read_Throws_WhenNotADate() =>
        FluentActions.Invoking(() => JsonSerializer.Deserialize<DateTimeOffset>("\"ontem\"", ErpJson.Options))
            .Should().Throw<JsonException>();
}
