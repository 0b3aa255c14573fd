using System.Globalization;
using System.Text;

namespace IpaasMonitor.Bench;

/// <summary>
/// JSON bodies shaped like the hub's: a SKU or order document with specifications, prices per trade policy and
/// stock per warehouse, grown with realistic items until the target size. Values vary per message (ids, names,
/// numbers), so the compressed size is representative (not one repeated document).
/// </summary>
internal static class PayloadFactory
{
    private static readonly string[] Words =
    [
        "camiseta", "calça", "jaqueta", "vestido", "saia", "bermuda", "blusa", "casaco", "tênis", "sandália",
        "algodão", "linho", "jeans", "malha", "couro", "viscose", "poliéster", "seda", "lã", "moletom",
        "azul", "preto", "branco", "vermelho", "verde", "amarelo", "cinza", "bege", "marinho", "rosa",
        "masculino", "feminino", "infantil", "unissex", "slim", "regular", "oversized", "cropped", "midi", "longo",
        "verão", "inverno", "coleção", "básico", "estampado", "listrado", "liso", "bordado", "premium", "outlet",
    ];

    private static readonly string[] Sizes = ["PP", "P", "M", "G", "GG", "XG", "34", "36", "38", "40", "42", "44"];

    public static string Create(Random random, int diagram, string businessKey, string? correlationId, int targetBytes)
    {
        var sb = new StringBuilder(targetBytes + 512);
        sb.Append('{');
        if (StoreShape.IsOrderFlow(diagram))
        {
            sb.Append("\"orderId\":\"").Append(correlationId ?? businessKey).Append("\",");
            sb.Append("\"sequence\":\"").Append(random.Next(100_000, 999_999)).Append("\",");
            sb.Append("\"status\":\"").Append(random.Next(3) switch { 0 => "ready-for-handling", 1 => "invoiced", _ => "handling" }).Append("\",");
            sb.Append("\"clientProfileData\":{\"email\":\"cliente").Append(random.Next(1, 900_000)).Append("@example.com\",\"firstName\":\"")
                .Append(Word(random)).Append("\",\"document\":\"").Append(random.NextInt64(10_000_000_000, 99_999_999_999)).Append("\"},");
            sb.Append("\"totals\":[{\"id\":\"Items\",\"value\":").Append(random.Next(5_000, 900_000)).Append("},{\"id\":\"Shipping\",\"value\":")
                .Append(random.Next(0, 5_000)).Append("}],");
            sb.Append("\"items\":[");
            var first = true;
            while (sb.Length < targetBytes - 40)
            {
                if (!first)
                {
                    sb.Append(',');
                }

                first = false;
                AppendOrderItem(sb, random);
            }

            sb.Append("]}");
            return sb.ToString();
        }

        sb.Append("\"RefId\":\"").Append(businessKey).Append("\",");
        sb.Append("\"Name\":\"").Append(Word(random)).Append(' ').Append(Word(random)).Append(' ').Append(Word(random)).Append("\",");
        sb.Append("\"ProductId\":").Append(random.Next(1, 200_000)).Append(',');
        sb.Append("\"Ean\":\"789").Append(random.NextInt64(1_000_000_000, 9_999_999_999)).Append("\",");
        sb.Append("\"IsActive\":").Append(random.Next(10) > 0 ? "true" : "false").Append(',');
        sb.Append("\"Dimensions\":{\"Height\":").Append(random.Next(1, 60)).Append(",\"Width\":").Append(random.Next(1, 60))
            .Append(",\"Length\":").Append(random.Next(1, 60)).Append(",\"WeightKg\":")
            .Append((random.Next(50, 5000) / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)).Append("},");
        sb.Append("\"Prices\":[");
        for (var p = 1; p <= 2; p++)
        {
            sb.Append(p > 1 ? "," : "").Append("{\"tradePolicyId\":\"").Append(p).Append("\",\"value\":")
                .Append((random.Next(1_990, 99_990) / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(",\"listPrice\":")
                .Append((random.Next(1_990, 129_990) / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append('}');
        }

        sb.Append("],\"Stock\":[{\"warehouseId\":\"1_1\",\"quantity\":").Append(random.Next(0, 500))
            .Append("},{\"warehouseId\":\"filial_2\",\"quantity\":").Append(random.Next(0, 200)).Append("}],");
        sb.Append("\"Specifications\":[");
        var firstSpec = true;
        while (sb.Length < targetBytes - 40)
        {
            if (!firstSpec)
            {
                sb.Append(',');
            }

            firstSpec = false;
            sb.Append("{\"FieldId\":").Append(random.Next(1, 400)).Append(",\"FieldName\":\"").Append(Word(random))
                .Append("\",\"FieldValueIds\":[").Append(random.Next(1, 9_999)).Append("],\"FieldValues\":[\"")
                .Append(Word(random)).Append(' ').Append(Word(random)).Append("\"],\"Text\":\"")
                .Append(Word(random)).Append(' ').Append(Word(random)).Append(' ').Append(Sizes[random.Next(Sizes.Length)]).Append("\"}");
        }

        sb.Append("]}");
        return sb.ToString();
    }

    public static string RemoteError(Random random, string error) =>
        $"{{\"error\":{{\"code\":\"{random.Next(1, 99):D2}\",\"message\":\"{error}\",\"exception\":null}},\"operationId\":\"{Guid.NewGuid()}\"}}";

    private static void AppendOrderItem(StringBuilder sb, Random random)
    {
        sb.Append("{\"id\":\"").Append(random.Next(1, 200_000)).Append("\",\"refId\":\"SKU").Append(random.Next(1, 60_000).ToString("D6", CultureInfo.InvariantCulture))
            .Append("\",\"name\":\"").Append(Word(random)).Append(' ').Append(Word(random)).Append(' ').Append(Sizes[random.Next(Sizes.Length)])
            .Append("\",\"quantity\":").Append(random.Next(1, 4)).Append(",\"price\":").Append(random.Next(1_990, 99_990))
            .Append(",\"sellingPrice\":").Append(random.Next(1_990, 99_990)).Append(",\"seller\":\"1\",\"ean\":\"789")
            .Append(random.NextInt64(1_000_000_000, 9_999_999_999)).Append("\",\"measurementUnit\":\"un\"}");
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)];
}
