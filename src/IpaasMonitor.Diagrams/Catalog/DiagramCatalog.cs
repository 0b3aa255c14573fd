using IpaasMonitor.Diagrams.Brands;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Products;
using IpaasMonitor.Diagrams.ProductSpecifications;
using IpaasMonitor.Diagrams.Reprocess;
using IpaasMonitor.Diagrams.Similars;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.SkuSpecifications;
using IpaasMonitor.Diagrams.Stock;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>
/// The 39 diagrams: the single source of truth for ids, names, sections, schedules, the class that runs each row and
/// every fact the engine needs about it (variant, queue, hub kind, order chain, start-up and re-send order). Each row
/// names its implementation: open the class from here. docs/diagrams.md describes the rows and how to add one.
/// </summary>
public static class DiagramCatalog
{
    private const SystemSide Erp = SystemSide.Erp;
    private const SystemSide Hub = SystemSide.Hub;
    private const SystemSide Vtex = SystemSide.Vtex;
    private const DiagramVariant Main = DiagramVariant.Main;
    private const DiagramVariant Branches = DiagramVariant.Branches;
    private const string Orders = DiagramDefinition.OrdersQueue;

    public static readonly IReadOnlyList<DiagramDefinition> All =
    [
        new(1, "Brand-ErpToHub", "Envio Marca - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *", typeof(BrandErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Brand, Next = [2] },
        new(2, "Brand-HubToVtex", "Envio Marca - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *", typeof(BrandHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Brand, Next = [6] },
        new(3, "Category-ErpToHub", "Envio Categoria - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *", typeof(CategoryErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Category, Next = [4] },
        new(4, "Category-HubToVtex", "Envio Categoria - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *", typeof(CategoryHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Category, Next = [6] },
        new(5, "Product-ErpToHub", "Envio Produto - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *", typeof(ProductErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Product, ResendOrder = 1, Next = [6] },
        new(6, "Product-HubToVtex", "Envio Produto - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *", typeof(ProductHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Product, ResendOrder = 1, Next = [8, 10] },
        new(7, "ProductSpecification-ErpToHub", "Envio Especificação Produto - Erp > IpaaS", "4.1", Erp, Hub, "*/30 * * * *", typeof(ProductSpecificationErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.ProductSpecification, Next = [8] },
        new(8, "ProductSpecification-HubToVtex", "Envio Especificação Produto - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/30 * * * *", typeof(ProductSpecificationHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.ProductSpecification },
        new(9, "SKU-ErpToHub", "Envio SKU e Preço - Erp > IpaaS", "4.1", Erp, Hub, "*/15 * * * *", typeof(SkuErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Sku, ResendOrder = 2, Next = [10] },
        new(10, "SKU-HubToVtex", "Envio SKU e Preço - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/15 * * * *", typeof(SkuHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Sku, ResendOrder = 2, Next = [12, 14, 16, 18, 22] },
        new(11, "SKUSpecification-ErpToHub", "Envio Especificação SKU - Erp > IpaaS", "4.1", Erp, Hub, "*/30 * * * *", typeof(SkuSpecificationErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.SkuSpecification, Next = [12] },
        new(12, "SKUSpecification-HubToVtex", "Envio Especificação SKU - IpaaS > Ecommerce", "4.2", Hub, Vtex, "5-59/30 * * * *", typeof(SkuSpecificationHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.SkuSpecification },
        new(13, "Stock-ErpToHub", "Envio Estoque Principal - Erp > IpaaS", "4.1", Erp, Hub, "*/5 * * * *", typeof(StockErpToHub)) { Area = DiagramArea.Stock, Variant = Main, HubKind = HubKinds.Stock, ResendOrder = 5, Next = [14] },
        new(14, "Stock-HubToVtex", "Envio Estoque Principal - Ipaas > Ecommerce", "4.2", Hub, Vtex, "2-59/5 * * * *", typeof(StockHubToVtex)) { Area = DiagramArea.Stock, Variant = Main, HubKind = HubKinds.Stock, ResendOrder = 5 },
        new(15, "BranchStock-ErpToHub", "Envio Estoque Filiais - Erp > IpaaS", "4.1", Erp, Hub, "*/5 * * * *", typeof(StockErpToHub)) { Area = DiagramArea.Stock, Variant = Branches, HubKind = HubKinds.BranchStock, ResendOrder = 6, Next = [16] },
        new(16, "BranchStock-HubToVtex", "Envio Estoque Filiais - Ipaas > Ecommerce", "4.2", Hub, Vtex, "2-59/5 * * * *", typeof(StockHubToVtex)) { Area = DiagramArea.Stock, Variant = Branches, HubKind = HubKinds.BranchStock, ResendOrder = 6 },
        new(17, "Similar-ErpToHub", "Envio Similares - Erp > IpaaS", "4.1", Erp, Hub, "0 * * * *", typeof(SimilarErpToHub)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Similar, Next = [18] },
        new(18, "Similar-HubToVtex", "Envio Similares - Ipaas > Ecommerce", "4.2", Hub, Vtex, "10 * * * *", typeof(SimilarHubToVtex)) { Area = DiagramArea.Catalog, HubKind = HubKinds.Similar },
        new(19, "PriceTable-ErpToHub", "Envio Tabela de Preço Principal - Erp > IpaaS", "4.1", Erp, Hub, "*/10 * * * *", typeof(PriceTableErpToHub)) { Area = DiagramArea.Prices, Variant = Main, HubKind = HubKinds.Price, ResendOrder = 3, Next = [20] },
        new(20, "PriceTable-HubToVtex", "Envio Tabela de Preço Principal - Ipaas > Ecommerce", "4.2", Hub, Vtex, "3-59/10 * * * *", typeof(PriceHubToVtex)) { Area = DiagramArea.Prices, Variant = Main, HubKind = HubKinds.Price, ResendOrder = 3 },
        new(21, "BranchPriceTable-ErpToHub", "Envio Tabela de Preço Filiais - Erp > IpaaS", "4.1", Erp, Hub, "*/10 * * * *", typeof(PriceTableErpToHub)) { Area = DiagramArea.Prices, Variant = Branches, HubKind = HubKinds.BranchPrice, ResendOrder = 4, Next = [22] },
        new(22, "BranchPriceTable-HubToVtex", "Envio Tabela de Preço Filiais - Ipaas > Ecommerce", "4.2", Hub, Vtex, "6-59/10 * * * *", typeof(BranchPriceHubToVtex)) { Area = DiagramArea.Prices, Variant = Branches, HubKind = HubKinds.BranchPrice, ResendOrder = 4 },
        new(23, "OrderConfig-HubToVtex", "Envio Configurações - Ipaas > Ecommerce", "5.1", Hub, Vtex, "0 6 * * *", typeof(OrderConfigHubToVtex)) { Area = DiagramArea.Orders, Queue = Orders, Step = OrderStep.Setup, Startup = StartupRun.First },
        new(24, "Order-VtexToHub", "Recebendo Pedido Ecommerce - Ecommerce > Ipaas", "5.1", Vtex, Hub, "* * * * *", typeof(OrderVtexToHub)) { Area = DiagramArea.Orders, Queue = Orders, Next = [25, 26], Step = OrderStep.Receipt },
        new(25, "OrderAck-HubToVtex", "Confirmação Recebido Pedido Ecommerce – Ecommerce > Ipaas", "5.1", Hub, Vtex, "* * * * *", typeof(OrderAckHubToVtex)) { Area = DiagramArea.Orders, Queue = Orders, Step = OrderStep.Confirmation },
        new(26, "OrderDetail-VtexToHub", "Montagem e validação Pedido Ecommerce - Ecommerce > Ipaas", "5.2", Vtex, Hub, "* * * * *", typeof(OrderDetailVtexToHub)) { Area = DiagramArea.Orders, Queue = Orders, Next = [27], Step = OrderStep.Validation },
        new(27, "Customer-HubToErp", "Envio Cadastro do Cliente Ecommerce - Ipaas > ERP", "5.3", Hub, Erp, "*/2 * * * *", typeof(CustomerHubToErp)) { Area = DiagramArea.Orders, Queue = Orders, Next = [28, 29], Step = OrderStep.ErpCustomer },
        new(28, "Order-HubToErp", "Envio Pedido Ecommerce Principal - Ipaas > ERP", "5.3", Hub, Erp, "*/2 * * * *", typeof(OrderHubToErp)) { Area = DiagramArea.Orders, Variant = Main, Queue = Orders, Next = [25], Step = OrderStep.ErpOrder },
        new(29, "BranchOrder-HubToErp", "Envio Pedido Ecommerce Filiais - IpaaS > ERP", "5.3", Hub, Erp, "*/2 * * * *", typeof(OrderHubToErp)) { Area = DiagramArea.Orders, Variant = Branches, Queue = Orders, Next = [25], Step = OrderStep.ErpOrder },
        new(30, "Invoice-ErpToHub", "Envio Faturamento Principal - Erp > IpaaS", "5.4", Erp, Hub, "*/5 * * * *", typeof(InvoiceErpToHub)) { Area = DiagramArea.Invoices, Variant = Main, Queue = Orders, Next = [31, 38], Step = OrderStep.ErpInvoice },
        new(31, "Invoice-HubToVtex", "Envio Faturamento Principal - IpaaS > Ecommerce", "5.5", Hub, Vtex, "2-59/5 * * * *", typeof(InvoiceHubToVtex)) { Area = DiagramArea.Invoices, Variant = Main, Queue = Orders, Step = OrderStep.VtexInvoice },
        new(32, "BranchInvoice-ErpToHub", "Envio Faturamento Filiais - Erp > IpaaS", "5.4", Erp, Hub, "*/5 * * * *", typeof(InvoiceErpToHub)) { Area = DiagramArea.Invoices, Variant = Branches, Queue = Orders, Next = [33, 38], Step = OrderStep.ErpInvoice },
        new(33, "BranchInvoice-HubToVtex", "Envio Faturamento Filiais - IpaaS > Ecommerce", "5.5", Hub, Vtex, "2-59/5 * * * *", typeof(InvoiceHubToVtex)) { Area = DiagramArea.Invoices, Variant = Branches, Queue = Orders, Step = OrderStep.VtexInvoice },
        new(34, "Cancel-ErpToHub", "Envio Cancelamento Principal - Erp > IpaaS", "5.6", Erp, Hub, "*/5 * * * *", typeof(CancelErpToHub)) { Area = DiagramArea.Cancellations, Variant = Main, Queue = Orders, Next = [35], Step = OrderStep.ErpCancel },
        new(35, "Cancel-HubToVtex", "Envio Cancelamento Principal - IpaaS > Ecommerce", "5.7", Hub, Vtex, "2-59/5 * * * *", typeof(CancelHubToVtex)) { Area = DiagramArea.Cancellations, Variant = Main, Queue = Orders, Step = OrderStep.VtexCancel },
        new(36, "BranchCancel-ErpToHub", "Envio Cancelamento Filiais - Erp > IpaaS", "5.6", Erp, Hub, "*/5 * * * *", typeof(CancelErpToHub)) { Area = DiagramArea.Cancellations, Variant = Branches, Queue = Orders, Next = [37], Step = OrderStep.ErpCancel },
        new(37, "BranchCancel-HubToVtex", "Envio Cancelamento Filiais - IpaaS > Ecommerce", "5.7", Hub, Vtex, "2-59/5 * * * *", typeof(CancelHubToVtex)) { Area = DiagramArea.Cancellations, Variant = Branches, Queue = Orders, Step = OrderStep.VtexCancel },
        new(38, "PartialInvoice-ErpToVtex", "Envio Faturamento Parcial - ERP > Ecommerce", "5.8", Erp, Vtex, "*/5 * * * *", typeof(PartialInvoiceErpToVtex)) { Area = DiagramArea.Invoices, Queue = Orders, Step = OrderStep.VtexPartialInvoice },
        new(39, "Reprocess24h-ErpToVtex", "Reprocessamento das alterações das ultimas 24hrs - ERP > Ecommerce", "4.3", Erp, Vtex, "0 3 * * *", typeof(Reprocess24h)) { Area = DiagramArea.Catalog, Startup = StartupRun.Never },
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

    /// <summary>
    /// The diagrams of a first run, in order (<see cref="DiagramDefinition.Startup"/>): the rows marked first, then every
    /// ERP read, then the rest, each group in number order; the rows marked never are left out.
    /// </summary>
    public static IReadOnlyList<int> StartupOrder { get; } =
    [
        .. All.Where(d => d.Startup != StartupRun.Never)
            .OrderBy(d => d.Startup == StartupRun.First ? 0 : d.Source == SystemSide.Erp ? 1 : 2)
            .ThenBy(d => d.Number)
            .Select(d => d.Number),
    ];

    /// <summary>The rows diagram 39 re-sends through, in its order: the ERP → hub reads, then the hub → VTEX sends.</summary>
    public static IReadOnlyList<DiagramDefinition> ResendRows { get; } =
    [
        .. All.Where(d => d.ResendOrder is not null).OrderBy(d => d.Source == SystemSide.Erp ? 0 : 1).ThenBy(d => d.ResendOrder),
    ];

    /// <summary>The hub → VTEX row that sends the hub records of <paramref name="kind"/>, if any (to point a waiting record at it).</summary>
    public static DiagramDefinition? SenderOf(string kind) =>
        All.FirstOrDefault(d => d.HubKind == kind && d.Source == SystemSide.Hub && d.Target == SystemSide.Vtex);

    /// <summary>The diagrams of an area, in number order.</summary>
    public static IReadOnlyList<DiagramDefinition> InArea(DiagramArea area) => [.. All.Where(d => d.Area == area)];

    public static DiagramDefinition Get(int number) =>
        ByNumber.TryGetValue(number, out var d) ? d : throw new ArgumentOutOfRangeException(nameof(number), number, "No such diagram.");

    public static bool TryGet(int number, out DiagramDefinition definition) => ByNumber.TryGetValue(number, out definition!);
}
