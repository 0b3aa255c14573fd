using IpaasMonitor.Diagrams.Orders;

namespace IpaasMonitor.Diagrams.Tests.Orders;

public sealed class BrazilianDocumentsTests
{
    [Theory]
    [InlineData("52998224725", true)]
    [InlineData("529.982.247-25", true)]
    [InlineData("529.982.247-24", false)]
    [InlineData("11111111111", false)]
    [InlineData("5299822472", false)]
    [InlineData("5299822472X", false)]
    [InlineData(null, false)]
    public void Cpf(string? cpf, bool valid) => BrazilianDocuments.IsValidCpf(cpf).Should().Be(valid);

    [Theory]
    [InlineData("11222333000181", true)]
    [InlineData("11.222.333/0001-81", true)]
    [InlineData("11.222.333/0001-80", false)]
    [InlineData("00000000000000", false)]
    [InlineData("1122233300018", false)]
    [InlineData("12ABC34501DE35", true)] // the alphanumeric CNPJ of the RFB's published example (from July 2026)
    [InlineData("12ABC34501DE36", false)]
    public void Cnpj(string cnpj, bool valid) => BrazilianDocuments.IsValidCnpj(cnpj).Should().Be(valid);

    [Theory]
    [InlineData("35250612345678000195550010000123451123456782", true)]
    [InlineData("35250612345678000195550010000123451123456783", false)]
    [InlineData("3525061234567800019555001000012345112345678", false)]
    [InlineData("3525061234567800019555001000012345112345678A", false)]
    public void NfeAccessKey(string key, bool valid) => BrazilianDocuments.IsValidNfeKey(key).Should().Be(valid);

    [Fact]
    public void NfeCheckDigit_FollowsMod11WithWeights2To9_FromTheRight()
    {
        // 43 digits of "1": weights 2..9 repeat (2+3+…+9 = 44) five times (220) plus 2+3+4 (9) = 229; 229 mod 11 = 9; DV = 11 − 9 = 2.
        BrazilianDocuments.NfeCheckDigit(new string('1', 43)).Should().Be(2);
        // A remainder of 0 or 1 gives 0.
        BrazilianDocuments.NfeCheckDigit(new string('0', 43)).Should().Be(0);
    }

    [Fact]
    public void Mask_HidesMostOfTheDocument() =>
        BrazilianDocuments.Mask("52998224725").Should().Be("***.982.247-**");
}
