namespace IpaasMonitor.Sandbox.Orders;

/// <summary>A buyer of the fake store (reused across orders, as real customers come back).</summary>
public sealed record SandboxBuyer(
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Cpf,
    string? Cnpj,
    string? CorporateName,
    SandboxAddress Address);

public sealed record SandboxAddress(string PostalCode, string Street, string Number, string? Complement, string Neighborhood, string City, string State);

/// <summary>Deterministic Brazilian buyers and addresses.</summary>
internal static class People
{
    private static readonly string[] FirstNames =
    [
        "Ana", "Beatriz", "Camila", "Daniela", "Eduarda", "Fernanda", "Gabriela", "Helena", "Isabela", "Juliana", "Larissa", "Mariana",
        "Bruno", "Carlos", "Diego", "Felipe", "Gustavo", "Henrique", "João", "Lucas", "Marcelo", "Pedro", "Rafael", "Thiago",
    ];

    private static readonly string[] LastNames =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro",
        "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
    ];

    private static readonly (string City, string State, string Cep)[] Cities =
    [
        ("São Paulo", "SP", "01310"), ("Campinas", "SP", "13015"), ("Rio de Janeiro", "RJ", "22041"), ("Niterói", "RJ", "24020"),
        ("Belo Horizonte", "MG", "30130"), ("Curitiba", "PR", "80010"), ("Porto Alegre", "RS", "90010"), ("Salvador", "BA", "40020"),
        ("Recife", "PE", "50030"), ("Fortaleza", "CE", "60060"), ("Goiânia", "GO", "74003"), ("Florianópolis", "SC", "88010"),
    ];

    private static readonly string[] Streets =
    [
        "Rua das Flores", "Avenida Paulista", "Rua Augusta", "Avenida Atlântica", "Rua XV de Novembro", "Rua da Bahia",
        "Avenida Sete de Setembro", "Rua Oscar Freire", "Rua Padre Chagas", "Avenida Boa Viagem",
    ];

    private static readonly string[] Neighborhoods = ["Centro", "Jardins", "Copacabana", "Savassi", "Batel", "Moinhos de Vento", "Barra", "Boa Viagem"];

    private static readonly string[] Companies = ["Comércio", "Modas", "Confecções", "Boutique", "Magazine", "Atacado"];

    public static SandboxBuyer Buyer(Random random, bool corporate)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var (city, state, cep) = Cities[random.Next(Cities.Length)];
        var address = new SandboxAddress(
            $"{cep}{random.Next(0, 1000):000}",
            Streets[random.Next(Streets.Length)],
            random.Next(1, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            random.Next(3) == 0 ? $"Apto {random.Next(11, 180)}" : null,
            Neighborhoods[random.Next(Neighborhoods.Length)],
            city,
            state);
        var email = $"{Ascii(first)}.{Ascii(last)}{random.Next(1, 999)}@exemplo.com.br".ToLowerInvariant();
        var phone = $"+55{random.Next(11, 99)}9{random.Next(10_000_000, 99_999_999)}";
        var cnpj = corporate ? Documents.Cnpj(random) : null;
        var company = corporate ? $"{last} {Companies[random.Next(Companies.Length)]} Ltda" : null;
        return new SandboxBuyer(first, last, email, phone, Documents.Cpf(random), cnpj, company, address);
    }

    private static string Ascii(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray());
}
