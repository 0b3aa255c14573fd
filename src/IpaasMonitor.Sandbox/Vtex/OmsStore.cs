using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;
using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// The fake VTEX OMS of one account: orders, their workflow (ready-for-handling → handling → invoiced, or canceled),
/// the feed v3 queue with its configuration, and the hook configuration. Orders arrive on their own every
/// <see cref="SandboxOrderOptions.Interval"/>; like the ERP's data changes, arrivals are computed lazily from the clock
/// (order k at start + first-order delay + (k − 1) × interval, its content seeded from (seed, account, k)), so what exists at an instant does not
/// depend on when or how often the sandbox is read.
/// </summary>
public sealed class OmsStore
{
    public const string ReadyForHandling = "ready-for-handling";
    public const string Handling = "handling";
    public const string Invoiced = "invoiced";
    public const string Canceled = "canceled";

    private const int BuyerPoolSize = 40;

    private readonly Lock gate = new();
    private readonly SandboxOrderOptions options;
    private readonly int seed;
    private readonly TimeProvider time;
    private readonly DateTimeOffset epoch;
    private readonly Dictionary<string, OmsOrder> orders = new(StringComparer.Ordinal);
    private readonly List<FeedEvent> feed = [];
    private readonly List<SandboxBuyer> buyers = [];
    private readonly long orderPrefix;
    private readonly Random dice;
    private long appliedTick;
    private int sequence;
    private JsonElement? feedConfig;
    private HashSet<string>? feedStatuses;
    private TimeSpan visibility;
    private JsonElement? hookConfig;

    internal OmsStore(string account, SandboxOptions options, SandboxOrderOptions orders)
    {
        Account = account;
        this.options = orders;
        seed = options.Seed;
        time = options.TimeProvider;
        epoch = time.GetUtcNow();
        visibility = orders.DefaultVisibilityTimeout;
        orderPrefix = 1_000_000 + (StableHash.Seed(options.Seed, account, 77) % 8_999_999);
        dice = new Random(StableHash.Seed(options.Seed, account, 78));
        var random = new Random(StableHash.Seed(options.Seed, account, 79));
        for (var i = 0; i < BuyerPoolSize; i++)
        {
            buyers.Add(People.Buyer(random, random.NextDouble() < orders.CorporateRate));
        }
    }

    public string Account { get; }

    /// <summary>Warehouses of this account (the first is the main one).</summary>
    public IReadOnlyList<string> Warehouses => options.WarehousesOf(Account);

    /// <summary>Feed events delivered more than once (the at-least-once duplicates a consumer must absorb).</summary>
    public int DuplicateEventsQueued { get; private set; }

    /// <summary>start-handling calls refused with 409 because the order had already left ready-for-handling.</summary>
    public int StartHandlingConflicts { get; private set; }

    /// <summary>Invoice POSTs repeating an invoice number already accepted (safe: only a new receipt).</summary>
    public int InvoiceResends { get; private set; }

    /// <summary>Invoices that would exceed the order's value or quantities (a second invoice for the same goods): refused, counted as duplicates.</summary>
    public int DuplicateInvoices { get; private set; }

    /// <summary>Cancel POSTs on an order already canceled (duplicate cancellations).</summary>
    public int DuplicateCancellations { get; private set; }

    public bool FeedConfigured
    {
        get
        {
            lock (gate)
            {
                return feedConfig is not null;
            }
        }
    }

    public IReadOnlyList<OmsOrder> Orders
    {
        get
        {
            lock (gate)
            {
                CatchUp();
                return [.. orders.Values.OrderBy(o => o.Sequence, StringComparer.Ordinal)];
            }
        }
    }

    public OmsOrder? Find(string orderId)
    {
        lock (gate)
        {
            CatchUp();
            return orders.GetValueOrDefault(orderId);
        }
    }

    /// <summary>Events waiting in the feed (visible or not yet committed).</summary>
    public int FeedPending
    {
        get
        {
            lock (gate)
            {
                return feed.Count;
            }
        }
    }

    /// <summary>Places an order now (tests; the generator uses the same path). Returns it as stored.</summary>
    public OmsOrder PlaceOrder(OmsOrderRequest? request = null)
    {
        lock (gate)
        {
            CatchUp();
            var random = new Random(StableHash.Seed(seed, Account, 500_000 + sequence));
            return Place(request ?? new OmsOrderRequest(), random, time.GetUtcNow());
        }
    }

    /// <summary>Changes an order's data (tests: fix a document, break a total). The status and invoices are kept.</summary>
    public OmsOrder Update(string orderId, Func<OmsOrder, OmsOrder> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (gate)
        {
            var current = orders.GetValueOrDefault(orderId) ?? throw new KeyNotFoundException($"No order '{orderId}' in account {Account}.");
            var changed = change(current) with { OrderId = current.OrderId, Status = current.Status, Invoices = current.Invoices, LastChange = time.GetUtcNow() };
            orders[orderId] = changed;
            return changed;
        }
    }

    /// <summary>Queues one more delivery of the order's last event (what VTEX's at-least-once feed does now and then).</summary>
    public void RedeliverLastEvent(string orderId)
    {
        lock (gate)
        {
            var order = orders.GetValueOrDefault(orderId) ?? throw new KeyNotFoundException($"No order '{orderId}' in account {Account}.");
            var lastState = order.Status == ReadyForHandling ? "window-to-cancel" : ReadyForHandling;
            AddEvent(order.OrderId, order.Status, lastState, order.LastChange, duplicate: true);
        }
    }

    internal IReadOnlyDictionary<string, int> CountByStatus()
    {
        lock (gate)
        {
            CatchUp();
            return orders.Values.GroupBy(o => o.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    // ---- feed ----

    internal JsonElement? FeedConfig
    {
        get
        {
            lock (gate)
            {
                return feedConfig;
            }
        }
    }

    internal JsonElement? HookConfig
    {
        get
        {
            lock (gate)
            {
                return hookConfig;
            }
        }
    }

    internal void SetFeedConfig(JsonElement config, HashSet<string>? statuses, TimeSpan visibility)
    {
        lock (gate)
        {
            CatchUp();
            feedConfig = config.Clone();
            feedStatuses = statuses;
            this.visibility = visibility;
        }
    }

    internal void DeleteFeedConfig()
    {
        lock (gate)
        {
            feedConfig = null;
            feedStatuses = null;
            feed.Clear();
        }
    }

    internal void SetHookConfig(JsonElement? config)
    {
        lock (gate)
        {
            hookConfig = config?.Clone();
        }
    }

    /// <summary>Up to <paramref name="maxLot"/> visible events; each becomes invisible for the visibility timeout with a new handle.</summary>
    internal IReadOnlyList<FeedEvent> ReadFeed(int maxLot)
    {
        lock (gate)
        {
            CatchUp();
            var now = time.GetUtcNow();
            var batch = feed.Where(e => e.VisibleAt <= now).OrderBy(e => e.CurrentChange).ThenBy(e => e.EventId, StringComparer.Ordinal).Take(maxLot).ToList();
            foreach (var e in batch)
            {
                e.Handle = NewHandle(e);
                e.VisibleAt = now + visibility;
                e.Deliveries++;
            }

            return batch;
        }
    }

    /// <summary>Removes the events whose current handle is listed; unknown or stale handles are ignored (as VTEX does).</summary>
    internal int Commit(IReadOnlyCollection<string> handles)
    {
        lock (gate)
        {
            var set = handles.ToHashSet(StringComparer.Ordinal);
            return feed.RemoveAll(e => e.Handle.Length > 0 && set.Contains(e.Handle));
        }
    }

    // ---- workflow ----

    internal OmsResult StartHandling(string orderId)
    {
        lock (gate)
        {
            CatchUp();
            if (!orders.TryGetValue(orderId, out var order))
            {
                return OmsResult.NotFound(orderId);
            }

            if (order.Status != ReadyForHandling)
            {
                StartHandlingConflicts++;
                return OmsResult.Error(StatusCodes.Status409Conflict, "OMS003", "Order status should be ready-for-handling to perform this action");
            }

            ChangeStatus(order, Handling);
            return OmsResult.NoContent();
        }
    }

    internal OmsResult Invoice(string orderId, OmsInvoice invoice)
    {
        lock (gate)
        {
            CatchUp();
            if (!orders.TryGetValue(orderId, out var order))
            {
                return OmsResult.NotFound(orderId);
            }

            var existing = order.Invoices.FirstOrDefault(i => string.Equals(i.Number, invoice.Number, StringComparison.Ordinal));
            if (existing is not null)
            {
                // Same invoice number again: only a new receipt, nothing else changes (vtex-api.md §5.6).
                InvoiceResends++;
                return OmsResult.Receipt(orderId, NewReceipt(), time.GetUtcNow());
            }

            if (order.Status is not (Handling or "invoice"))
            {
                return order.Status == Canceled
                    ? OmsResult.Error(StatusCodes.Status400BadRequest, "OMS010", "Order is canceled and cannot be invoiced")
                    : OmsResult.Error(StatusCodes.Status409Conflict, "OMS004", $"Order status should be handling to be invoiced (current: {order.Status})");
            }

            if (invoice.Type != "Output")
            {
                return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS011", "Only Output invoices are supported by the sandbox");
            }

            if (invoice.Key is { Length: > 0 } && order.Invoices.Any(i => string.Equals(i.Key, invoice.Key, StringComparison.Ordinal)))
            {
                DuplicateInvoices++;
                return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS012", $"Invoice key {invoice.Key} was already used on this order with another invoice number");
            }

            if (order.InvoicedCents + invoice.ValueCents > order.ValueCents)
            {
                DuplicateInvoices++;
                return OmsResult.Error(
                    StatusCodes.Status400BadRequest,
                    "OMS013",
                    $"Invoice value {invoice.ValueCents} exceeds what is left to invoice ({order.ValueCents - order.InvoicedCents} of {order.ValueCents})");
            }

            foreach (var item in invoice.Items)
            {
                var ordered = order.Items.Where(i => i.SkuId == item.SkuId).Sum(i => i.Quantity);
                if (ordered == 0)
                {
                    return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS014", $"Item {item.SkuId} is not in order {orderId}");
                }

                var invoiced = order.Invoices.SelectMany(i => i.Items).Where(i => i.SkuId == item.SkuId).Sum(i => i.Quantity);
                if (invoiced + item.Quantity > ordered)
                {
                    DuplicateInvoices++;
                    return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS015", $"Item {item.SkuId}: {invoiced + item.Quantity} units invoiced for {ordered} ordered");
                }
            }

            var stored = invoice with { Receipt = NewReceipt(), At = time.GetUtcNow() };
            var updated = order with { Invoices = [.. order.Invoices, stored], LastChange = time.GetUtcNow() };
            orders[orderId] = updated;
            if (updated.InvoicedCents == updated.ValueCents)
            {
                ChangeStatus(updated with { InvoicedDate = time.GetUtcNow() }, Invoiced);
            }

            return OmsResult.Receipt(orderId, stored.Receipt, stored.At);
        }
    }

    internal OmsResult Cancel(string orderId, string? reason)
    {
        lock (gate)
        {
            CatchUp();
            if (!orders.TryGetValue(orderId, out var order))
            {
                return OmsResult.NotFound(orderId);
            }

            if (order.Status == Canceled)
            {
                DuplicateCancellations++;
                return OmsResult.Receipt(orderId, order.CancelReceipt ?? NewReceipt(), order.LastChange);
            }

            if (order.Status == Invoiced)
            {
                return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS005", "Order is invoiced and cannot be canceled; send a return (Input) invoice instead");
            }

            if (order.Invoices.Count > 0)
            {
                return OmsResult.Error(StatusCodes.Status400BadRequest, "OMS006", "Order is partially invoiced and cannot be canceled");
            }

            var receipt = NewReceipt();
            ChangeStatus(order with { CancelReason = reason, CancelReceipt = receipt }, Canceled);
            return OmsResult.Receipt(orderId, receipt, time.GetUtcNow());
        }
    }

    // ---- generation ----

    private void CatchUp()
    {
        var interval = options.Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var start = epoch + (options.FirstOrderDelay > TimeSpan.Zero ? options.FirstOrderDelay : TimeSpan.Zero);
        var now = time.GetUtcNow();
        var due = now < start ? 0 : 1 + ((now - start).Ticks / interval.Ticks);
        for (var tick = appliedTick + 1; tick <= due; tick++)
        {
            var random = new Random(StableHash.Seed(seed, Account, 100_000 + tick));
            var defect = random.NextDouble() < options.BadOrderRate
                ? (OmsOrderDefect)(1 + random.Next(4))
                : OmsOrderDefect.None;
            Place(new OmsOrderRequest { Defect = defect }, random, start + TimeSpan.FromTicks(interval.Ticks * (tick - 1)));
        }

        if (due > appliedTick)
        {
            appliedTick = due;
        }
    }

    private OmsOrder Place(OmsOrderRequest request, Random random, DateTimeOffset at)
    {
        var sequence = ++this.sequence;
        var orderId = string.Create(CultureInfo.InvariantCulture, $"{orderPrefix:0000000}{sequence:000000}-01");
        var buyer = buyers[request.BuyerIndex is { } index ? Math.Abs(index) % buyers.Count : random.Next(buyers.Count)];
        if (request.Corporate is { } corporate && corporate != (buyer.Cnpj is not null))
        {
            buyer = People.Buyer(random, corporate);
        }

        var lines = request.Items ?? PickItems(random);
        var items = new List<OmsItem>(lines.Count + 1);
        foreach (var (skuId, quantity) in lines)
        {
            var sku = OrderSkus.Find(skuId) ?? throw new ArgumentException($"SKU {skuId} is not one of the sandbox's order SKUs.", nameof(request));
            items.Add(new OmsItem(sku.SkuId.ToString(CultureInfo.InvariantCulture), sku.RefId, sku.ProductId.ToString(CultureInfo.InvariantCulture), sku.Name, sku.Ean, quantity, sku.PriceCents, sku.PriceCents + 2_000));
        }

        var warehouses = Warehouses;
        var warehouse = request.WarehouseId
            ?? (warehouses.Count > 1 && random.NextDouble() < options.BranchWarehouseRate ? warehouses[1 + random.Next(warehouses.Count - 1)] : warehouses[0]);
        var shipping = request.ShippingCents ?? (random.Next(4) == 0 ? 0 : 990 + (random.Next(0, 21) * 100));
        string[][] payments = [["2", "Visa", "creditCard"], ["4", "Mastercard", "creditCard"], ["125", "Pix", "instantPayment"], ["6", "Boleto Bancário", "bankInvoice"]];
        var payment = payments[random.Next(payments.Length)];
        var document = buyer.Cpf;
        switch (request.Defect)
        {
            case OmsOrderDefect.MissingDocument:
                document = null;
                break;
            case OmsOrderDefect.InvalidDocument:
                document = string.Concat(buyer.Cpf.AsSpan(0, 10), ((buyer.Cpf[10] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture));
                break;
            case OmsOrderDefect.UnknownSku:
                items.Add(new OmsItem(OrderSkus.UnknownSkuId.ToString(CultureInfo.InvariantCulture), null, "9999", "Brinde Sem Cadastro", "7890000000000", 1, 1_990, 1_990));
                break;
        }

        var order = new OmsOrder
        {
            OrderId = orderId,
            Sequence = string.Create(CultureInfo.InvariantCulture, $"{500_000 + sequence}"),
            Status = ReadyForHandling,
            CreationDate = at - TimeSpan.FromMinutes(31),
            LastChange = at,
            Buyer = buyer,
            Document = document,
            Items = items,
            ShippingCents = shipping,
            WarehouseId = warehouse,
            Payment = new OmsPayment(payment[0], payment[1], payment[2], payment[2] == "creditCard" ? 1 + random.Next(6) : 1),
            Defect = request.Defect,
        }.WithConsistentTotals();
        if (request.Defect == OmsOrderDefect.WrongTotals)
        {
            order = order with { ValueCents = order.ValueCents + 1_000 };
        }

        orders[orderId] = order;
        AddEvent(orderId, ReadyForHandling, "window-to-cancel", at, duplicate: false);
        return order;
    }

    private static List<(int SkuId, int Quantity)> PickItems(Random random)
    {
        var count = 1 + random.Next(3);
        var picked = new List<(int, int)>(count);
        var used = new HashSet<int>();
        while (picked.Count < count)
        {
            var sku = OrderSkus.All[random.Next(OrderSkus.All.Count)].SkuId;
            if (used.Add(sku))
            {
                picked.Add((sku, 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0)));
            }
        }

        return picked;
    }

    private void ChangeStatus(OmsOrder order, string status)
    {
        var last = order.Status;
        var now = time.GetUtcNow();
        orders[order.OrderId] = order with { Status = status, LastChange = now };
        AddEvent(order.OrderId, status, last, now, duplicate: false);
    }

    private void AddEvent(string orderId, string state, string lastState, DateTimeOffset at, bool duplicate)
    {
        if (feedConfig is null || (feedStatuses is not null && !feedStatuses.Contains(state)))
        {
            return;
        }

        var copies = !duplicate && dice.NextDouble() < options.DuplicateEventRate ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            feed.Add(new FeedEvent
            {
                EventId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                OrderId = orderId,
                State = state,
                LastState = lastState,
                LastChange = at,
                CurrentChange = at,
                VisibleAt = at,
            });
        }

        if (copies > 1 || duplicate)
        {
            DuplicateEventsQueued++;
        }
    }

    private static string NewHandle(FeedEvent e) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{e.EventId}:{e.Deliveries + 1}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}"));

    private static string NewReceipt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The outcome of an OMS operation, turned into an HTTP result by <see cref="OmsEndpoints"/>.</summary>
internal sealed record OmsResult(int Status, object? Body)
{
    public static OmsResult NoContent() => new(StatusCodes.Status204NoContent, null);

    public static OmsResult NotFound(string orderId) => Error(StatusCodes.Status404NotFound, "OMS007", $"Order {orderId} not found");

    public static OmsResult Error(int status, string code, string message) => new(status, new { error = new { code, message, exception = (string?)null } });

    public static OmsResult Receipt(string orderId, string receipt, DateTimeOffset at) =>
        new(StatusCodes.Status200OK, new { date = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture), orderId, receipt });
}
