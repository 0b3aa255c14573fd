namespace IpaasMonitor.Testing;

/// <summary>Where a malformed record comes from, and how it is malformed.</summary>
public enum ErpBadInputShape
{
    /// <summary>One item of a search page.</summary>
    Item,

    /// <summary>Two items with the same key and different content in one read.</summary>
    DuplicateKey,

    /// <summary>A whole page whose JSON is broken.</summary>
    BrokenPage,
}

/// <summary>One malformed ERP record and the words its failed message must contain.</summary>
/// <param name="Name">What is wrong, for test names.</param>
/// <param name="Search">The TOTVS search it comes from: categories, references, products, balances or price-tables.</param>
/// <param name="Key">The business key its failed message carries.</param>
/// <param name="Json">The item as the ERP sends it (for a broken page: the page body).</param>
/// <param name="Reason">A fragment of the pt-BR reason.</param>
public sealed record ErpBadRecord(string Name, string Search, string Key, string Json, string Reason, ErpBadInputShape Shape = ErpBadInputShape.Item)
{
    public override string ToString() => Name;
}

/// <summary>
/// The bad-input corpus: malformed TOTVS records, each of which must end as exactly one failed message with a readable
/// reason while the rest of its run completes. Shared by the mapping unit tests and the end-to-end test.
/// </summary>
public static class ErpBadInput
{
    public const string Date = "2026-03-10T12:00:00.000-03:00";

    /// <summary>Valid records served next to the bad ones (they must be stored).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Good = new Dictionary<string, string[]>
    {
        ["categories"] =
        [
            $$"""{"code":1,"name":"Feminino","parentCode":null,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""",
            $$"""{"code":101,"name":"Vestidos","parentCode":1,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""",
        ],
        ["references"] =
        [
            $$"""{"referenceCode":"VES0001","referenceName":"Vestido Midi Linho","description":"Vestido midi","brandCode":2,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""",
        ],
        ["products"] =
        [
            Product(10001, "Vestido Midi Linho Azul P", "7891000000014"),
        ],
        ["balances"] =
        [
            Balance(10001, "5"),
        ],
        ["price-tables"] =
        [
            PriceTable(10001, "99.90"),
        ],
    };

    public static readonly IReadOnlyList<ErpBadRecord> Records =
    [
        new("category without a name", "categories", "102", $$"""{"code":102,"parentCode":1,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "o nome está vazio"),
        new("category name with markup", "categories", "103", $$"""{"code":103,"name":"<b>Calças</b>","parentCode":1,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "marcação HTML"),
        new("category without its change date", "categories", "104", """{"code":104,"name":"Saias","parentCode":1,"isActive":true}""", "campo obrigatório ausente"),
        new("page of categories with broken JSON", "categories", "página 2", """{"count":2,"totalPages":2,"hasNext":false,"items":[{"code":105,"name":"Bl""", "incompleto ou malformado", ErpBadInputShape.BrokenPage),
        new("reference with a blank name", "references", "VES0002", $$"""{"referenceCode":"VES0002","referenceName":"   ","brandCode":2,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "o nome está vazio"),
        new("reference with an empty RefId", "references", "(sem código)", $$"""{"referenceCode":"","referenceName":"Vestido Sem Código","brandCode":2,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "RefId"),
        new("reference of an unknown category", "references", "VES0003", $$"""{"referenceCode":"VES0003","referenceName":"Vestido Perdido","brandCode":2,"categoryCode":999,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "categoria 999 desconhecida"),
        new("reference with an over-long name", "references", "VES0004", $$"""{"referenceCode":"VES0004","referenceName":"{{new string('x', 180)}}","brandCode":2,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "180 caracteres"),
        new("reference without a brand", "references", "VES0005", $$"""{"referenceCode":"VES0005","referenceName":"Vestido Sem Marca","brandCode":null,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""", "sem marca"),
        new("product with an invalid EAN", "products", "10002", Product(10002, "Vestido Midi Linho Azul M", "7891000000022"), "EAN '7891000000022' inválido"),
        new("product without a name", "products", "10003", Product(10003, null, "7891000000038"), "o nome está vazio"),
        new("product code that is not a number", "products", "abc", Product(10004, "Vestido", "7891000000045").Replace("\"productCode\":10004", "\"productCode\":\"abc\"", StringComparison.Ordinal), "Registro inválido do ERP"),
        new("product name with markup", "products", "10005", Product(10005, "Vestido <i>Midi</i>", null), "marcação HTML"),
        new("product code read twice with other content", "products", "10001", Product(10001, "Vestido Midi Linho Azul PP", "7891000000014"), "Chave duplicada", ErpBadInputShape.DuplicateKey),
        new("negative stock", "balances", "10002/1", Balance(10002, "-2"), "estoque negativo (-2)"),
        new("balance without its balances list", "balances", "10003", $$"""{"productCode":10003,"maxChangeFilterDate":"{{Date}}"}""", "campo obrigatório ausente"),
        new("price zero", "price-tables", "10002", PriceTable(10002, "0"), "preço 0,00 inválido"),
        new("negative price", "price-tables", "10003", PriceTable(10003, "-10.00"), "preço -10,00 inválido"),
        new("absurd price", "price-tables", "10005", PriceTable(10005, "25000000"), "acima do limite"),
        new("price as text", "price-tables", "10006", PriceTable(10006, "\"dez reais\""), "Registro inválido do ERP"),
    ];

    public static string Product(int code, string? name, string? ean) =>
        $$"""{"productCode":{{code}},{{(name is null ? "" : $"\"productName\":\"{name}\",")}}"productSku":{{(ean is null ? "null" : $"\"{ean}\"")}},"referenceCode":"VES0001","colorCode":"03","colorName":"AZUL","sizeName":"P","brandCode":2,"categoryCode":101,"isActive":true,"maxChangeFilterDate":"{{Date}}"}""";

    public static string Balance(int code, string stock) =>
        $$"""{"productCode":{{code}},"referenceCode":"VES0001","maxChangeFilterDate":"{{Date}}","balances":[{"branchCode":1,"stockCode":1,"stock":{{stock}},"salesOrder":0,"inputTransaction":0,"outputTransaction":0}]}""";

    public static string PriceTable(int code, string price) =>
        $$"""{"productCode":{{code}},"referenceCode":"VES0001","priceTableCode":1,"maxChangeFilterDate":"{{Date}}","prices":[{"branchCode":1,"originalPrice":129.90,"price":{{price}},"scaleCode":1}]}""";
}
