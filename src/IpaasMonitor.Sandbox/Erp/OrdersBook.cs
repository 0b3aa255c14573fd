using System.Globalization;
using IpaasMonitor.Sandbox.Infrastructure;
using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>
/// The order side of one fake TOTVS Moda tenant: customers (person/v2), sales orders (sales-order/v2) and NF-e
/// (fiscal/v2). With <see cref="SandboxOrderOptions.ErpAutoProcess"/> every order received gets a plan seeded from its
/// orderId (most invoiced in full after a delay, some in two parts, a few only partially, a few cancelled), applied
/// lazily on the next read once its time has come. Tests can turn that off and invoice or cancel explicitly.
/// </summary>
public sealed class OrdersBook
{
    private readonly Lock gate = new();
    private readonly SandboxOrderOptions options;
    private readonly int seed;
    private readonly TimeProvider time;
    private readonly string issuerCnpj;
    private readonly Dictionary<int, ErpCustomer> customers = [];
    private readonly Dictionary<int, ErpSalesOrder> orders = [];
    private readonly Dictionary<string, int> orderCodes = new(StringComparer.Ordinal);
    private readonly List<ErpInvoice> invoices = [];
    private readonly List<(DateTimeOffset At, int OrderCode, ErpStep Step)> schedule = [];
    private int nextCustomer = 110_000_000;
    private int nextOrder = 5_000;
    private int nextInvoice = 20_000;
    private int nextSequence;

    internal OrdersBook(string tenant, SandboxOptions options, SandboxOrderOptions orders)
    {
        Tenant = tenant;
        this.options = orders;
        seed = options.Seed;
        time = options.TimeProvider;
        issuerCnpj = Documents.Cnpj(new Random(StableHash.Seed(options.Seed, tenant, 91)));
        nextInvoice += StableHash.Seed(options.Seed, tenant, 92) % 5_000;
    }

    private enum ErpStep
    {
        InvoiceAll,
        InvoiceFirstPart,
        Cancel,
    }

    public string Tenant { get; }

    /// <summary>CNPJ of the issuing company (it is inside every NF-e key).</summary>
    public string IssuerCnpj => issuerCnpj;

    /// <summary>Customers created while another with the same CPF/CNPJ existed.</summary>
    public int DuplicateCustomers { get; private set; }

    /// <summary>b2c-orders calls with an orderId already known: answered with the existing order.</summary>
    public int OrderRepeats { get; private set; }

    public IReadOnlyList<ErpCustomer> Customers
    {
        get
        {
            lock (gate)
            {
                return [.. customers.Values.OrderBy(c => c.Code)];
            }
        }
    }

    public IReadOnlyList<ErpSalesOrder> Orders
    {
        get
        {
            lock (gate)
            {
                CatchUp();
                return [.. orders.Values.OrderBy(o => o.OrderCode)];
            }
        }
    }

    public IReadOnlyList<ErpInvoice> Invoices
    {
        get
        {
            lock (gate)
            {
                CatchUp();
                return [.. invoices];
            }
        }
    }

    public ErpSalesOrder? FindOrder(string orderId)
    {
        lock (gate)
        {
            CatchUp();
            return orderCodes.TryGetValue(orderId, out var code) ? orders[code] : null;
        }
    }

    /// <summary>The plan the ERP follows for an order (from its orderId; same id, same plan).</summary>
    public ErpOrderPlan PlanOf(string orderId, int units)
    {
        var random = new Random(StableHash.Seed(seed, orderId, 93));
        var roll = random.NextDouble();
        if (roll < options.CancelRate)
        {
            return ErpOrderPlan.Cancel;
        }

        if (units >= 2 && roll < options.CancelRate + options.TwoPartRate)
        {
            return ErpOrderPlan.TwoParts;
        }

        if (units >= 2 && roll < options.CancelRate + options.TwoPartRate + options.PartialOnlyRate)
        {
            return ErpOrderPlan.PartialOnly;
        }

        return ErpOrderPlan.Full;
    }

    /// <summary>
    /// Issues an NF-e for <paramref name="items"/> (product code, quantity) of the order, or for everything still pending
    /// when null. The freight goes on the invoice that leaves nothing pending.
    /// </summary>
    public ErpInvoice Invoice(int orderCode, IReadOnlyList<(int ProductCode, int Quantity)>? items = null)
    {
        lock (gate)
        {
            CatchUp();
            return IssueInvoice(orderCode, items, time.GetUtcNow());
        }
    }

    /// <summary>Cancels an order that has no invoice (what the back office does).</summary>
    public ErpSalesOrder CancelOrder(int orderCode, string reason = "Cancelado pelo ERP")
    {
        lock (gate)
        {
            CatchUp();
            return Cancel(orderCode, reason, time.GetUtcNow());
        }
    }

    internal IReadOnlyDictionary<string, int> Counts()
    {
        lock (gate)
        {
            CatchUp();
            return new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["customers"] = customers.Count,
                ["salesOrders"] = orders.Count,
                ["invoices"] = invoices.Count,
                ["canceledOrders"] = orders.Values.Count(o => o.Status == "Canceled"),
            };
        }
    }

    // ---- customers ----

    internal IReadOnlyList<ErpCustomer> FindCustomers(bool legal, HashSet<string>? documents, HashSet<int>? codes, ErpSearchRequest search)
    {
        lock (gate)
        {
            return [.. customers.Values
                .Where(c => c.IsLegal == legal && (documents is null || documents.Contains(c.Document)) && (codes is null || codes.Contains(c.Code))
                            && search.InChangeWindow(c.ChangedAt))
                .OrderBy(c => c.Code)];
        }
    }

    /// <summary>
    /// Creates or updates a customer. With a known <paramref name="code"/> it updates that customer; without one it
    /// creates a new customer even when another has the same document (TOTVS does; the client must search first),
    /// which the sandbox counts as a duplicate.
    /// </summary>
    internal (ErpCustomer Customer, bool Created) UpsertCustomer(int? code, bool legal, string document, string name, string? email, string? phone, string? postalCode)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (code is { } known && customers.TryGetValue(known, out var existing))
            {
                var updated = existing with { Name = name, Email = email ?? existing.Email, Phone = phone ?? existing.Phone, PostalCode = postalCode ?? existing.PostalCode, ChangedAt = now };
                customers[known] = updated;
                return (updated, false);
            }

            if (customers.Values.Any(c => c.IsLegal == legal && c.Document == document))
            {
                DuplicateCustomers++;
            }

            var created = new ErpCustomer(++nextCustomer, legal, document, name, email, phone, postalCode, now, now);
            customers[created.Code] = created;
            return (created, true);
        }
    }

    internal bool CustomerExists(int code)
    {
        lock (gate)
        {
            return customers.ContainsKey(code);
        }
    }

    internal int? CustomerByDocument(string document)
    {
        lock (gate)
        {
            return customers.Values.Where(c => c.Document == document).OrderBy(c => c.Code).Select(c => (int?)c.Code).FirstOrDefault();
        }
    }

    // ---- orders ----

    /// <summary>Creates the order, or returns the existing one with the same orderId (idempotent by orderId).</summary>
    internal (ErpSalesOrder Order, bool Created) CreateOrder(ErpSalesOrder draft)
    {
        lock (gate)
        {
            CatchUp();
            if (orderCodes.TryGetValue(draft.OrderId, out var existingCode))
            {
                OrderRepeats++;
                return (orders[existingCode], false);
            }

            var now = time.GetUtcNow();
            var order = draft with { OrderCode = ++nextOrder, Status = "InProgress", CreatedAt = now, ChangedAt = now };
            orders[order.OrderCode] = order;
            orderCodes[order.OrderId] = order.OrderCode;
            if (options.ErpAutoProcess)
            {
                Schedule(order, now);
            }

            return (order, true);
        }
    }

    internal IReadOnlyList<ErpSalesOrder> SearchOrders(HashSet<int> branches, HashSet<int>? orderCodes, HashSet<string>? orderIds, HashSet<string>? statuses, ErpSearchRequest search)
    {
        lock (gate)
        {
            CatchUp();
            return [.. orders.Values
                .Where(o => branches.Contains(o.BranchCode)
                            && (orderCodes is null || orderCodes.Contains(o.OrderCode))
                            && (orderIds is null || orderIds.Contains(o.OrderId))
                            && (statuses is null || statuses.Contains(o.Status))
                            && search.InChangeWindow(o.ChangedAt))
                .OrderBy(o => o.OrderCode)];
        }
    }

    internal ErpSalesOrder? Order(int branchCode, int orderCode)
    {
        lock (gate)
        {
            CatchUp();
            return orders.TryGetValue(orderCode, out var order) && order.BranchCode == branchCode ? order : null;
        }
    }

    internal IReadOnlyList<ErpInvoice> InvoicesOf(int orderCode)
    {
        lock (gate)
        {
            return [.. invoices.Where(i => i.OrderCode == orderCode)];
        }
    }

    internal IReadOnlyList<ErpInvoice> SearchInvoices(HashSet<int> branches, HashSet<int>? numbers, ErpSearchRequest search)
    {
        lock (gate)
        {
            CatchUp();
            return [.. invoices
                .Where(i => branches.Contains(i.BranchCode) && (numbers is null || numbers.Contains(i.InvoiceCode)) && search.InChangeWindow(i.ChangedAt))
                .OrderBy(i => i.InvoiceSequence)];
        }
    }

    internal (ErpSalesOrder? Order, string? Problem) CancelByRequest(int branchCode, int orderCode, string? reason)
    {
        lock (gate)
        {
            CatchUp();
            if (!orders.TryGetValue(orderCode, out var order) || order.BranchCode != branchCode)
            {
                return (null, $"Pedido {orderCode} não encontrado na empresa {branchCode}.");
            }

            if (order.Status == "Canceled")
            {
                return (null, $"Pedido {orderCode} já está cancelado.");
            }

            if (order.Items.Any(i => i.SettledQuantity > 0))
            {
                return (null, $"Pedido {orderCode} já possui itens faturados e não pode ser cancelado.");
            }

            return (Cancel(orderCode, reason ?? "Cancelado via API", time.GetUtcNow()), null);
        }
    }

    // ---- lifecycle ----

    private void Schedule(ErpSalesOrder order, DateTimeOffset now)
    {
        var random = new Random(StableHash.Seed(seed, order.OrderId, 94));
        var span = Math.Max(0, (options.InvoiceDelayMax - options.InvoiceDelayMin).TotalMilliseconds);
        var first = now + options.InvoiceDelayMin + TimeSpan.FromMilliseconds(random.NextDouble() * span);
        switch (PlanOf(order.OrderId, order.Items.Sum(i => i.Quantity)))
        {
            case ErpOrderPlan.Cancel:
                schedule.Add((first, order.OrderCode, ErpStep.Cancel));
                break;
            case ErpOrderPlan.TwoParts:
                schedule.Add((first, order.OrderCode, ErpStep.InvoiceFirstPart));
                schedule.Add((first + options.SecondPartDelay, order.OrderCode, ErpStep.InvoiceAll));
                break;
            case ErpOrderPlan.PartialOnly:
                schedule.Add((first, order.OrderCode, ErpStep.InvoiceFirstPart));
                break;
            default:
                schedule.Add((first, order.OrderCode, ErpStep.InvoiceAll));
                break;
        }
    }

    private void CatchUp()
    {
        if (schedule.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var due = schedule.Where(s => s.At <= now).OrderBy(s => s.At).ToList();
        foreach (var step in due)
        {
            schedule.Remove(step);
            if (!orders.TryGetValue(step.OrderCode, out var order) || order.Status == "Canceled" || !order.HasPending)
            {
                continue;
            }

            switch (step.Step)
            {
                case ErpStep.Cancel:
                    if (order.Items.All(i => i.SettledQuantity == 0))
                    {
                        Cancel(order.OrderCode, "Sem estoque para atender o pedido", step.At);
                    }

                    break;
                case ErpStep.InvoiceFirstPart:
                    IssueInvoice(order.OrderCode, FirstPart(order), step.At);
                    break;
                default:
                    IssueInvoice(order.OrderCode, null, step.At);
                    break;
            }
        }
    }

    /// <summary>The first invoice of a split order: the first line alone when there are several, else half of its units.</summary>
    private static List<(int, int)> FirstPart(ErpSalesOrder order)
    {
        var pending = order.Items.Where(i => i.PendingQuantity > 0).ToList();
        return pending.Count > 1
            ? [(pending[0].ProductCode, pending[0].PendingQuantity)]
            : [(pending[0].ProductCode, Math.Max(1, pending[0].PendingQuantity / 2))];
    }

    private ErpInvoice IssueInvoice(int orderCode, IReadOnlyList<(int ProductCode, int Quantity)>? wanted, DateTimeOffset at)
    {
        var order = orders.TryGetValue(orderCode, out var found) ? found : throw new KeyNotFoundException($"No ERP order {orderCode} in tenant {Tenant}.");
        if (order.Status == "Canceled")
        {
            throw new InvalidOperationException($"Order {orderCode} is canceled.");
        }

        wanted ??= [.. order.Items.Where(i => i.PendingQuantity > 0).Select(i => (i.ProductCode, i.PendingQuantity))];
        var items = order.Items.ToList();
        var invoiceItems = new List<ErpInvoiceItem>();
        foreach (var (productCode, quantity) in wanted)
        {
            var index = items.FindIndex(i => i.ProductCode == productCode && i.PendingQuantity > 0);
            if (index < 0 || quantity < 1 || quantity > items[index].PendingQuantity)
            {
                throw new InvalidOperationException($"Order {orderCode} has no {quantity} pending unit(s) of product {productCode}.");
            }

            items[index] = items[index] with { SettledQuantity = items[index].SettledQuantity + quantity };
            invoiceItems.Add(new ErpInvoiceItem(productCode, quantity, items[index].Price));
        }

        if (invoiceItems.Count == 0)
        {
            throw new InvalidOperationException($"Order {orderCode} has nothing pending to invoice.");
        }

        var completes = items.All(i => i.PendingQuantity == 0);
        var freight = completes && !order.FreightInvoiced ? order.FreightValue : 0m;
        var products = invoiceItems.Sum(i => i.UnitPrice * i.Quantity);
        var number = ++nextInvoice;
        var random = new Random(StableHash.Seed(seed, Tenant, 95 + number));
        var invoice = new ErpInvoice(
            order.BranchCode,
            ++nextSequence,
            number,
            1,
            at,
            products,
            freight,
            products + freight,
            Documents.NfeAccessKey(35, at.ToOffset(ErpDates.Brasilia), issuerCnpj, 1, number, random.Next(10_000_000, 99_999_999)),
            "Issued",
            order.OrderCode,
            order.OrderId,
            order.CustomerCode,
            invoiceItems,
            at);
        invoices.Add(invoice);
        orders[orderCode] = order with
        {
            Items = items,
            FreightInvoiced = order.FreightInvoiced || freight > 0 || completes,
            Status = completes ? "Attended" : "PartiallyAnswered",
            ChangedAt = at,
        };
        return invoice;
    }

    private ErpSalesOrder Cancel(int orderCode, string reason, DateTimeOffset at)
    {
        _ = reason;
        var order = orders.TryGetValue(orderCode, out var found) ? found : throw new KeyNotFoundException($"No ERP order {orderCode} in tenant {Tenant}.");
        if (order.Items.Any(i => i.SettledQuantity > 0))
        {
            throw new InvalidOperationException($"Order {orderCode} has invoiced items and cannot be canceled.");
        }

        var canceled = order with
        {
            Items = [.. order.Items.Select(i => i with { CanceledQuantity = i.Quantity - i.SettledQuantity })],
            Status = "Canceled",
            ChangedAt = at,
        };
        orders[orderCode] = canceled;
        return canceled;
    }

    internal static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
