namespace IpaasMonitor.Sandbox.Orders;

/// <summary>A sellable SKU as both sides of the sandbox know it: VTEX SKU id = ERP product code = RefId.</summary>
public sealed record OrderSku(int SkuId, string RefId, int ProductId, string Name, string Ean, long PriceCents);

/// <summary>
/// The SKUs orders are made of: a deterministic list of ERP product codes from 10001 (the range the sandbox
/// catalogue uses for product codes), each with the same id in VTEX. The ERP sales-order side accepts exactly these.
/// </summary>
public static class OrderSkus
{
    public const int FirstCode = 10_001;
    public const int Count = 60;

    /// <summary>A VTEX SKU that has no ERP product behind it (used by "unknown SKU" bad orders).</summary>
    public const int UnknownSkuId = 99_999;

    private static readonly string[] Kinds = ["Camiseta", "Vestido", "Calça Jeans", "Saia", "Blusa", "Bermuda", "Jaqueta", "Macacão", "Short", "Camisa"];
    private static readonly string[] Colors = ["Branco", "Preto", "Azul", "Vermelho", "Verde", "Areia"];
    private static readonly string[] Sizes = ["P", "M", "G", "GG"];

    public static IReadOnlyList<OrderSku> All { get; } = Build();

    public static bool IsKnownProductCode(int code) => code >= FirstCode && code < FirstCode + Count;

    public static OrderSku? Find(int skuId) => IsKnownProductCode(skuId) ? All[skuId - FirstCode] : null;

    private static List<OrderSku> Build()
    {
        var list = new List<OrderSku>(Count);
        for (var i = 0; i < Count; i++)
        {
            var code = FirstCode + i;
            var kind = Kinds[i / 6 % Kinds.Length];
            var name = $"{kind} {Colors[i % Colors.Length]} {Sizes[i % Sizes.Length]}";
            var price = 4_990 + (i * 37 % 25 * 1_000);
            list.Add(new OrderSku(code, code.ToString(System.Globalization.CultureInfo.InvariantCulture), 1_000 + (i / 6), name, Documents.Ean13(789_100_000_000L + code), price));
        }

        return list;
    }
}
