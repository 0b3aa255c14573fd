namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>The 39 diagrams of DIAGRAMS.md: the single source of truth for ids, names, sections and schedules.</summary>
public static class DiagramCatalog
{
    private const SystemSide Erp = SystemSide.Erp;
    private const SystemSide Hub = SystemSide.Hub;
    private const SystemSide Vtex = SystemSide.Vtex;

    public static readonly IReadOnlyList<DiagramDefinition> All =
    [
        new(1, "Brand-ErpToHub", "Envio Marca - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *"),
        new(2, "Brand-HubToVtex", "Envio Marca - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *"),
        new(3, "Category-ErpToHub", "Envio Categoria - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *"),
        new(4, "Category-HubToVtex", "Envio Categoria - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *"),
        new(5, "Product-ErpToHub", "Envio Produto - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *"),
        new(6, "Product-HubToVtex", "Envio Produto - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *"),
        new(7, "ProductSpecification-ErpToHub", "Envio Especificação Produto - Erp > IpaaS", "4.1", Erp, Hub, "*/30 * * * *"),
        new(8, "ProductSpecification-HubToVtex", "Envio Especificação Produto - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/30 * * * *"),
        new(9, "SKU-ErpToHub", "Envio SKU e Preço - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *"),
        new(10, "SKU-HubToVtex", "Envio SKU e Preço - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *"),
        new(11, "SKUSpecification-ErpToHub", "Envio Especificação SKU - Erp > IpaaS", "4.1", Erp, Hub, "*/30 * * * *"),
        new(12, "SKUSpecification-HubToVtex", "Envio Especificação SKU - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/30 * * * *"),
        new(13, "Stock-ErpToHub", "Envio Estoque Principal - Erp > IpaaS", "4.1", Erp, Hub, "*/5 * * * *"),
        new(14, "Stock-HubToVtex", "Envio Estoque Principal - Ipaas > Ecommerce", "4.2", Hub, Vtex, "2-59/5 * * * *"),
        new(15, "BranchStock-ErpToHub", "Envio Estoque Filiais - Erp > IpaaS", "4.1", Erp, Hub, "*/5 * * * *"),
        new(16, "BranchStock-HubToVtex", "Envio Estoque Filiais - Ipaas > Ecommerce", "4.2", Hub, Vtex, "2-59/5 * * * *"),
        new(17, "Similar-ErpToHub", "Envio Similares - Erp > IpaaS", "4.1", Erp, Hub, "0 * * * *"),
        new(18, "Similar-HubToVtex", "Envio Similares - Ipaas > Ecommerce", "4.2", Hub, Vtex, "10 * * * *"),
        new(19, "PriceTable-ErpToHub", "Envio Tabela de Preço Principal - Erp > IpaaS", "4.1", Erp, Hub, "*/10 * * * *"),
        new(20, "PriceTable-HubToVtex", "Envio Tabela de Preço Principal - Ipaas > Ecommerce", "4.2", Hub, Vtex, "3-59/10 * * * *"),
        new(21, "BranchPriceTable-ErpToHub", "Envio Tabela de Preço Filiais - Erp > IpaaS", "4.1", Erp, Hub, "*/10 * * * *"),
        new(22, "BranchPriceTable-HubToVtex", "Envio Tabela de Preço Filiais - Ipaas > Ecommerce", "4.2", Hub, Vtex, "6-59/10 * * * *"),
        new(23, "OrderConfig-HubToVtex", "Envio Configurações - Ipaas > Ecommerce", "5.1", Hub, Vtex, "0 6 * * *"),
        new(24, "Order-VtexToHub", "Recebendo Pedido Ecommerce - Ecommerce > Ipaas", "5.1", Vtex, Hub, "* * * * *"),
        new(25, "OrderAck-HubToVtex", "Confirmação Recebido Pedido Ecommerce – Ecommerce > Ipaas", "5.1", Hub, Vtex, "* * * * *"),
        new(26, "OrderDetail-VtexToHub", "Montagem e validação Pedido Ecommerce - Ecommerce > Ipaas", "5.2", Vtex, Hub, "* * * * *"),
        new(27, "Customer-HubToErp", "Envio Cadastro do Cliente Ecommerce - Ipaas > ERP", "5.3", Hub, Erp, "*/2 * * * *"),
        new(28, "Order-HubToErp", "Envio Pedido Ecommerce Principal - Ipaas > ERP", "5.3", Hub, Erp, "*/2 * * * *"),
        new(29, "BranchOrder-HubToErp", "Envio Pedido Ecommerce Filiais - IpaaS > ERP", "5.3", Hub, Erp, "*/2 * * * *"),
        new(30, "Invoice-ErpToHub", "Envio Faturamento Principal - Erp > IpaaS", "5.4", Erp, Hub, "*/5 * * * *"),
        new(31, "Invoice-HubToVtex", "Envio Faturamento Principal - IpaaS > Ecommerce", "5.5", Hub, Vtex, "2-59/5 * * * *"),
        new(32, "BranchInvoice-ErpToHub", "Envio Faturamento Filiais - Erp > IpaaS", "5.4", Erp, Hub, "*/5 * * * *"),
        new(33, "BranchInvoice-HubToVtex", "Envio Faturamento Filiais - IpaaS > Ecommerce", "5.5", Hub, Vtex, "2-59/5 * * * *"),
        new(34, "Cancel-ErpToHub", "Envio Cancelamento Principal - Erp > IpaaS", "5.6", Erp, Hub, "*/5 * * * *"),
        new(35, "Cancel-HubToVtex", "Envio Cancelamento Principal - IpaaS > Ecommerce", "5.7", Hub, Vtex, "2-59/5 * * * *"),
        new(36, "BranchCancel-ErpToHub", "Envio Cancelamento Filiais - Erp > IpaaS", "5.6", Erp, Hub, "*/5 * * * *"),
        new(37, "BranchCancel-HubToVtex", "Envio Cancelamento Filiais - IpaaS > Ecommerce", "5.7", Hub, Vtex, "2-59/5 * * * *"),
        new(38, "PartialInvoice-ErpToVtex", "Envio Faturamento Parcial - ERP > Ecommerce", "5.8", Erp, Vtex, "*/5 * * * *"),
        new(39, "Reprocess24h-ErpToVtex", "Reprocessamento das alterações das ultimas 24hrs - ERP > Ecommerce", "4.3", Erp, Vtex, "0 3 * * *"),
    ];

    /// <summary>The seed's chapters, in its order, with their pt-BR titles.</summary>
    public static readonly IReadOnlyList<(string Section, string Title)> Sections =
    [
        ("4.1", "Integração de Produtos – ERP > IpaaS"),
        ("4.2", "Integração de Produtos – IpaaS > Ecommerce"),
        ("4.3", "Reenvio das alterações das últimas 24hrs"),
        ("5.1", "Pedido – Configuração Plataforma ECommerce"),
        ("5.2", "Pedido – Ecommerce > IpaaS"),
        ("5.3", "Pedido – IpaaS > ERP"),
        ("5.4", "Faturamento – ERP > IpaaS"),
        ("5.5", "Faturamento – IpaaS > Ecommerce"),
        ("5.6", "Cancelamento – ERP > IpaaS"),
        ("5.7", "Cancelamento – IpaaS > Ecommerce"),
        ("5.8", "Faturamento Parcial – ERP > Ecommerce"),
    ];

    private static readonly Dictionary<int, DiagramDefinition> ByNumber = All.ToDictionary(d => d.Number);

    public static DiagramDefinition Get(int number) =>
        ByNumber.TryGetValue(number, out var d) ? d : throw new ArgumentOutOfRangeException(nameof(number), number, "No such diagram.");

    public static bool TryGet(int number, out DiagramDefinition definition) => ByNumber.TryGetValue(number, out definition!);
}
