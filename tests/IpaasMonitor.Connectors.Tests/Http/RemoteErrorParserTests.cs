using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Tests.Http;

public sealed class RemoteErrorParserTests
{
    [Theory]
    [InlineData("""[{"code":"AlreadyExist","message":"Pedido já existe"}]""", "AlreadyExist: Pedido já existe")]
    [InlineData("""{"messages":[{"code":"NotFound","message":"Produto"},{"code":"X","message":"Y"}]}""", "NotFound: Produto; X: Y")]
    [InlineData("""{"Message":"An error has occurred."}""", "An error has occurred.")]
    [InlineData("""{"error":{"code":"1","message":"Sku not found"}}""", "1: Sku not found")]
    [InlineData("""{"error":"invalid_grant","error_description":"senha inválida"}""", "senha inválida")]
    [InlineData("\"Brand not found\"", "Brand not found")]
    [InlineData("plain   text\nerror", "plain text error")]
    public void Parse_ExtractsTheMessage(string body, string expected) =>
        RemoteErrorParser.Parse(body).Should().Be(expected);

    [Fact]
    public void Parse_TruncatesUnknownBodies() =>
        RemoteErrorParser.Parse(new string('x', 1000))!.Length.Should().Be(RemoteErrorParser.MaxLength);

    [Fact]
    public void Parse_ReturnsNull_ForEmptyBody() =>
        RemoteErrorParser.Parse("  ").Should().BeNull();
}
