using IpaasMonitor.Diagrams.Rules;

namespace IpaasMonitor.Diagrams.Tests.Rules;

public sealed class VtexNamesTests
{
    [Theory]
    [InlineData("Moda \u202EacirfA", "Moda acirfA")]
    [InlineData("Moda\tPraia\nVerão", "Moda Praia Verão")]
    [InlineData("\u2066Vestido\u2069 Azul\u200B", "Vestido Azul")]
    [InlineData("  Calça\u0007  Jeans \r\n", "Calça Jeans")]
    [InlineData("Vestido Azul", "Vestido Azul")]
    public void Clean_RemovesControlAndBidiCharacters_AndCollapsesSpaces(string name, string clean) =>
        VtexNames.Clean(name).Should().Be(clean);

    [Fact]
    public void Note_SaysWhatWasRemoved_AndIsNullWhenNothingWas()
    {
        VtexNames.Note("Moda \u202EacirfA", "Moda\tPraia").Should().Be(
            "Nome limpo antes do envio à VTEX: removidos U+202E (controle de direção do texto ou caractere invisível), U+0009 (caractere de controle).");
        VtexNames.Note("Vestido Azul", null).Should().BeNull();
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "'<script>'")]
    [InlineData("Vestido <b>Azul</b>", "'<b>'")]
    [InlineData("Moda &lt;b&gt;", "'&lt;'")]
    [InlineData("Moda &#60;", "'&#60;'")]
    public void CheckName_RefusesMarkup(string name, string tag) =>
        TextRules.CheckName(name, "Marca 1: o nome", 150).Should().Be($"Marca 1: o nome contém marcação HTML ({tag}); esperado texto simples: corrija o cadastro no ERP.");

    [Theory]
    [InlineData("Moda & Cia")]
    [InlineData("Camiseta 2 < 3")]
    [InlineData("Moda \u202EacirfA")]
    public void CheckName_AcceptsPlainText_AndNamesThatOnlyNeedCleaning(string name) =>
        TextRules.CheckName(name, "Marca 1: o nome", 150).Should().BeNull();

    [Fact]
    public void Check_StillRefusesBidiCharactersInCodes() =>
        TextRules.Check("VES\u202E01", "Referência: o código (RefId)", 50).Should().Contain("caracteres de controle");
}
