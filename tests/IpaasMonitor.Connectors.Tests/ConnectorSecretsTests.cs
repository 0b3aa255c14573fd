namespace IpaasMonitor.Connectors.Tests;

public sealed class ConnectorSecretsTests
{
    [Fact]
    public void ConfigurationKeyPatterns_ListEveryCredential()
    {
        ConnectorSecrets.ConfigurationKeyPatterns.Should().BeEquivalentTo(
            "IpaasMonitor:Connections:*:Erp:ClientSecret",
            "IpaasMonitor:Connections:*:Erp:Password",
            "IpaasMonitor:Connections:*:Vtex:AppKey",
            "IpaasMonitor:Connections:*:Vtex:AppToken");
    }

    [Theory]
    [InlineData("IpaasMonitor:Connections:0:Vtex:AppToken", true)]
    [InlineData("IpaasMonitor__Connections__3__Erp__Password", true)]
    [InlineData("ipaasmonitor:connections:1:erp:clientsecret", true)]
    [InlineData("IpaasMonitor:Connections:0:Erp:Username", false)]
    [InlineData("IpaasMonitor:Connections:x:Erp:Password", false)]
    public void IsSecretConfigurationKey_MatchesPatterns(string key, bool expected) =>
        ConnectorSecrets.IsSecretConfigurationKey(key).Should().Be(expected);
}
