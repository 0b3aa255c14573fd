using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Bench;

/// <summary>
/// The shape of a realistic store: which diagrams produce how many messages, their business keys, components,
/// situations and errors. Weights follow the schedules: stock and prices every 5–10 minutes dominate, brands and
/// configuration are rare, order diagrams carry the VTEX order id as correlation id.
/// </summary>
internal static class StoreShape
{
    public static readonly string[] Connections = ["VA-CUSTOMIZADA", "MODA-CENTRO"];

    /// <summary>Share of messages per connection (the first store is bigger).</summary>
    public const double FirstConnectionShare = 0.6;

    public const int SkusPerConnection = 60_000;

    public const int ProductsPerConnection = 12_000;

    /// <summary>Relative message volume of diagrams 1..39.</summary>
    public static readonly double[] Weights =
    [
        0.3, 0.3, 0.2, 0.2, 2, 2, 1.5, 1.5, 5, 5, // 1-10 brand, category, product, spec, SKU
        3, 3, 12, 12, 12, 12, 0.5, 0.5, 6, 6,     // 11-20 SKU spec, stock, branch stock, similar, price
        6, 6, 0.05, 3, 3, 3, 2, 3, 2, 2,           // 21-30 branch price, config, orders, customer, invoice
        2, 1.5, 1.5, 0.5, 0.5, 0.3, 0.3, 0.5, 1,  // 31-39 invoice, cancel, partial invoice, reprocess 24h
    ];

    private static readonly double[] Cumulative = BuildCumulative();

    public static readonly string[] Errors =
    [
        "SKU não encontrado na VTEX (404)",
        "EAN inválido: dígito verificador não confere",
        "Estoque negativo recebido do ERP (-3)",
        "VTEX respondeu 429 Too Many Requests após 4 tentativas",
        "Tempo esgotado ao chamar o ERP (30 s)",
        "Preço de venda menor que o preço de custo",
        "Campo obrigatório ausente: RefId",
        "Pedido já faturado no ERP",
        "Categoria pai não integrada",
        "JSON malformado no registro do ERP",
    ];

    public static int PickDiagram(Random random)
    {
        var x = random.NextDouble() * Cumulative[^1];
        var i = Array.BinarySearch(Cumulative, x);
        return (i < 0 ? ~i : i) + 1;
    }

    public static bool IsOrderFlow(int diagram) => diagram is >= 24 and <= 38;

    public static string KeyOf(int diagram, Random random, long orderNumber) => diagram switch
    {
        1 or 2 => $"MAR{random.Next(1, 400):D4}",
        3 or 4 => $"CAT{random.Next(1, 900):D4}",
        5 or 6 or 7 or 8 or 17 or 18 => $"PRD{random.Next(1, ProductsPerConnection):D6}",
        23 => "CONFIG",
        >= 24 and <= 29 => OrderId(orderNumber),
        >= 30 and <= 33 or 38 => $"NF{orderNumber % 10_000_000:D7}",
        >= 34 and <= 37 => OrderId(orderNumber),
        _ => $"SKU{Skewed(random, SkusPerConnection):D6}",
    };

    public static string OrderId(long orderNumber) => $"{1_500_000_000_000 + orderNumber}-01";

    public static string ComponentOf(int diagram, MessageSituation situation, Random random)
    {
        if (situation == MessageSituation.Failed)
        {
            return diagram switch
            {
                >= 24 and <= 29 => random.Next(2) == 0 ? "GET order" : "POST pedido ERP",
                >= 30 and <= 33 or 38 => "POST invoice",
                _ => random.Next(2) == 0 ? "GET SKU" : "PUT VTEX",
            };
        }

        return diagram switch
        {
            1 or 3 or 5 or 7 or 9 or 11 or 13 or 15 or 17 or 19 or 21 => "STORED",
            >= 24 and <= 29 => "ORDER OK",
            >= 30 and <= 33 or 38 => "INVOICE OK",
            >= 34 and <= 37 => "CANCEL OK",
            _ => random.Next(10) switch { < 6 => "UPDATE OK", < 9 => "CREATE OK", _ => "ASSOCIATE OK" },
        };
    }

    /// <summary>About 5% failed, a few re-queued, discarded, in progress or just received; the rest processed.</summary>
    public static MessageSituation PickSituation(Random random)
    {
        var x = random.NextDouble();
        return x switch
        {
            < 0.0500 => MessageSituation.Failed,
            < 0.0505 => MessageSituation.Requeued,
            < 0.0535 => MessageSituation.Discarded,
            < 0.0537 => MessageSituation.Processing,
            < 0.0540 => MessageSituation.Received,
            _ => MessageSituation.Processed,
        };
    }

    /// <summary>Payload sizes: most 1–3 KB, a tail to 20 KB (mean ≈ 2.9 KB).</summary>
    public static int PickPayloadSize(Random random)
    {
        var x = random.NextDouble();
        return x switch
        {
            < 0.80 => random.Next(1024, 3072),
            < 0.95 => random.Next(3072, 8192),
            _ => random.Next(8192, 20480),
        };
    }

    // Popular SKUs change more often (price, stock): a quadratic skew over the catalogue.
    private static int Skewed(Random random, int count)
    {
        var u = random.NextDouble();
        return 1 + (int)(u * u * (count - 1));
    }

    private static double[] BuildCumulative()
    {
        var cumulative = new double[Weights.Length];
        var sum = 0.0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i];
            cumulative[i] = sum;
        }

        return cumulative;
    }
}
