using System.Text.Json;

namespace IpaasMonitor.Connectors.Erp.Person;

/// <summary>A person found by <c>individuals/search</c> or <c>legal-entities/search</c>.</summary>
public sealed record ErpPerson
{
    public required int Code { get; init; }

    public string? Cpf { get; init; }

    public string? Cnpj { get; init; }

    public string? Name { get; init; }
}

/// <summary>Body of <c>POST person/v2/individual-customers</c> (totvs-side.md §2.5). With <see cref="Code"/> it updates that customer.</summary>
public sealed record ErpIndividualCustomer
{
    public int? Code { get; init; }

    public required string Cpf { get; init; }

    public required string Name { get; init; }

    public int BranchInsertCode { get; init; } = 1;

    public bool IsCustomer { get; init; } = true;

    public string CustomerStatus { get; init; } = "Ativo";

    public IReadOnlyList<ErpCustomerAddress> Addresses { get; init; } = [];

    public IReadOnlyList<ErpCustomerPhone> Phones { get; init; } = [];

    public IReadOnlyList<ErpCustomerEmail> Emails { get; init; } = [];
}

/// <summary>Body of <c>POST person/v2/legal-customers</c>.</summary>
public sealed record ErpLegalCustomer
{
    public int? Code { get; init; }

    public required string Cnpj { get; init; }

    public required string Name { get; init; }

    public string? FantasyName { get; init; }

    public string? StateRegistration { get; init; }

    public int BranchInsertCode { get; init; } = 1;

    public bool IsCustomer { get; init; } = true;

    public IReadOnlyList<ErpCustomerAddress> Addresses { get; init; } = [];

    public IReadOnlyList<ErpCustomerPhone> Phones { get; init; } = [];

    public IReadOnlyList<ErpCustomerEmail> Emails { get; init; } = [];
}

public sealed record ErpCustomerAddress(string AddressType, int Sequence, string Cep, string Address, string Number, string? Complement, string? Neighborhood, string? CityName, string? StateAbbreviation);

public sealed record ErpCustomerPhone(int TypeCode, string Number, bool IsDefault);

public sealed record ErpCustomerEmail(int TypeCode, string Email, bool IsDefault);

/// <summary>TOTVS Moda customers (person/v2): search by CPF/CNPJ, then create or update.</summary>
public static class ErpCustomers
{
    public const string IndividualsSearchPath = "api/totvsmoda/person/v2/individuals/search";
    public const string LegalEntitiesSearchPath = "api/totvsmoda/person/v2/legal-entities/search";
    public const string IndividualCustomersPath = "api/totvsmoda/person/v2/individual-customers";
    public const string LegalCustomersPath = "api/totvsmoda/person/v2/legal-customers";

    /// <summary>The customer registered with this CPF (the lowest code when there are several), or null.</summary>
    public static Task<ErpPerson?> FindIndividualAsync(this ErpClient client, string cpf, CancellationToken cancellationToken = default) =>
        FindAsync(client, IndividualsSearchPath, new { cpfList = new[] { cpf } }, cancellationToken);

    public static Task<ErpPerson?> FindLegalEntityAsync(this ErpClient client, string cnpj, CancellationToken cancellationToken = default) =>
        FindAsync(client, LegalEntitiesSearchPath, new { cnpjList = new[] { cnpj } }, cancellationToken);

    /// <summary>
    /// Creates (no code) or updates (with code) an individual customer and returns its code. Not retried on 5xx or
    /// timeout: a create that reached the ERP would be made twice; search by CPF before trying again.
    /// </summary>
    public static async Task<int> UpsertIndividualAsync(this ErpClient client, ErpIndividualCustomer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(customer);
        var answer = await ErpCalls.PostAsync(client, IndividualCustomersPath, customer, safeToRepeat: customer.Code is not null, cancellationToken);
        return CodeOf(answer) ?? customer.Code ?? throw Unreadable(client, IndividualCustomersPath, answer);
    }

    public static async Task<int> UpsertLegalAsync(this ErpClient client, ErpLegalCustomer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(customer);
        var answer = await ErpCalls.PostAsync(client, LegalCustomersPath, customer, safeToRepeat: customer.Code is not null, cancellationToken);
        return CodeOf(answer) ?? customer.Code ?? throw Unreadable(client, LegalCustomersPath, answer);
    }

    /// <summary>The new person's code: TOTVS clients have seen it as <c>customerCode</c>, <c>code</c> or <c>personCode</c> (§2.5).</summary>
    public static int? CodeOf(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "customerCode", "code", "personCode" })
        {
            foreach (var property in answer.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                    && ((property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var code))
                        || (property.Value.ValueKind == JsonValueKind.String && int.TryParse(property.Value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out code))))
                {
                    return code;
                }
            }
        }

        return null;
    }

    private static async Task<ErpPerson?> FindAsync(ErpClient client, string path, object filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.SearchAsync<ErpPerson>(path, filter, option: null, order: "code", page: 1, pageSize: 10, cancellationToken);
        return page.Items.Where(i => i.IsValid).Select(i => i.Value).OrderBy(p => p!.Code).FirstOrDefault();
    }

    private static ErpException Unreadable(ErpClient client, string path, JsonElement answer) =>
        new(new ConnectorFailure
        {
            Kind = ConnectorErrorKind.Permanent,
            System = ConnectorSystem.Erp,
            ConnectionId = client.ConnectionId,
            RequestMethod = "POST",
            RequestPath = path,
            Reason = "resposta sem código do cliente",
            RemoteMessage = Http.RemoteErrorParser.Truncate(answer.GetRawText()),
        });
}
