using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;
using static IpaasMonitor.Sandbox.Vtex.VtexCatalogEndpoints;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// SKU, specification, SKU specification, SKU complement and SKU file routes (VTEX - Catalog API.json).
/// Rules mirrored from vtex-api.md §2.4–2.8: a SKU cannot be created active (400) nor activated without an
/// image (400); an SKU spec field must be Combo (5) or Radio (6); a SKU that asked ActivateIfPossible becomes
/// active when its first image arrives. Posting the same SKU specification field, complement link or
/// specification value twice creates it again and counts a duplicate (what a non-idempotent hub does).
/// </summary>
internal static class VtexSkuEndpoints
{
    public const int MaxSkuNameLength = 200;
    public const int MaxSkuRefIdLength = 50;
    private static readonly int[] ComplementTypes = [1, 2, 3, 5];
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif"];

    public static void Map(RouteGroupBuilder vtex)
    {
        var g = SandboxGroup.VtexCatalog;
        vtex.MapSandbox(g, "POST", "sku", "api/catalog/pvt/stockkeepingunit", CreateSku);
        vtex.MapSandbox(g, "GET", "sku/refid", "api/catalog/pvt/stockkeepingunit", GetSkuByRefId);
        vtex.MapSandbox(g, "GET", "sku", "api/catalog/pvt/stockkeepingunit/{skuId}", GetSku);
        vtex.MapSandbox(g, "PUT", "sku", "api/catalog/pvt/stockkeepingunit/{skuId}", UpdateSku);
        vtex.MapSandbox(g, "GET", "sku/idbyrefid", "api/catalog_system/pvt/sku/stockkeepingunitidbyrefid/{refId}", GetSkuIdByRefId);
        vtex.MapSandbox(g, "POST", "sku/idsbyrefids", "api/catalog_system/pub/sku/stockkeepingunitidsbyrefids", GetSkuIdsByRefIds);
        vtex.MapSandbox(g, "GET", "sku/byproductid", "api/catalog_system/pvt/sku/stockkeepingunitByProductId/{productId}", GetSkusOfProduct);

        vtex.MapSandbox(g, "POST", "specificationgroup", "api/catalog/pvt/specificationgroup", CreateGroup);
        vtex.MapSandbox(g, "POST", "specification", "api/catalog/pvt/specification", CreateField);
        vtex.MapSandbox(g, "GET", "specification", "api/catalog/pvt/specification/{specificationId}", GetField);
        vtex.MapSandbox(g, "POST", "specificationvalue", "api/catalog/pvt/specificationvalue", CreateValue);
        vtex.MapSandbox(g, "GET", "specification/listByCategoryId", "api/catalog_system/pub/specification/field/listByCategoryId/{categoryId}", FieldsByCategory);
        vtex.MapSandbox(g, "GET", "specification/fieldvalue", "api/catalog_system/pub/specification/fieldvalue/{fieldId}", ValuesOfField);

        vtex.MapSandbox(g, "POST", "product/specification", "api/catalog_system/pvt/products/{productId}/specification", SetProductSpecifications);
        vtex.MapSandbox(g, "GET", "product/specification", "api/catalog_system/pvt/products/{productId}/specification", GetProductSpecifications);

        vtex.MapSandbox(g, "POST", "sku/specification", "api/catalog/pvt/stockkeepingunit/{skuId}/specification", AssociateSkuSpecification);
        vtex.MapSandbox(g, "GET", "sku/specification", "api/catalog/pvt/stockkeepingunit/{skuId}/specification", GetSkuSpecifications);
        vtex.MapSandbox(g, "PUT", "sku/specification", "api/catalog/pvt/stockkeepingunit/{skuId}/specification", UpdateSkuSpecification);
        vtex.MapSandbox(g, "DELETE", "sku/specification", "api/catalog/pvt/stockkeepingunit/{skuId}/specification/{specificationId}", DeleteSkuSpecification);

        vtex.MapSandbox(g, "POST", "skucomplement", "api/catalog/pvt/skucomplement", CreateComplement);
        vtex.MapSandbox(g, "GET", "skucomplement", "api/catalog/pvt/skucomplement/{skuComplementId}", GetComplement);
        vtex.MapSandbox(g, "DELETE", "skucomplement", "api/catalog/pvt/skucomplement/{skuComplementId}", DeleteComplement);
        vtex.MapSandbox(g, "GET", "sku/complement", "api/catalog/pvt/stockkeepingunit/{skuId}/complement", ComplementsOf);
        vtex.MapSandbox(g, "GET", "sku/complement", "api/catalog/pvt/stockkeepingunit/{skuId}/complement/{complementTypeId}", ComplementsOfType);

        vtex.MapSandbox(g, "POST", "sku/file", "api/catalog/pvt/stockkeepingunit/{skuId}/file", AddFile);
        vtex.MapSandbox(g, "GET", "sku/file", "api/catalog/pvt/stockkeepingunit/{skuId}/file", GetFiles);
    }

    private static IResult CreateSku(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var id = body.Int("Id");
            var sku = ReadSku(body, id ?? 0);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (ValidateSku(store, body, sku, id ?? 0) is { } rejected)
            {
                return rejected;
            }

            if (sku.IsActive)
            {
                return Bad("An SKU cannot be created active: send IsActive false (and ActivateIfPossible true); it activates once it has an image.");
            }

            if (id is < 0)
            {
                return Bad("Id must be positive.");
            }

            if (id > 0 && store.Skus.ContainsKey(id.Value))
            {
                return Conflict($"An SKU with Id {id} already exists.");
            }

            sku = sku with
            {
                Id = id > 0 ? id.Value : store.NextId("sku", store.Skus.Keys, 1),
                CreationDate = a.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            };
            var clashes = store.SkusOfProduct(sku.ProductId).Where(s => SameName(s.Name, sku.Name)).Select(s => (long)s.Id).ToList();
            if (clashes.Count > 0)
            {
                a.RecordDuplicate("sku", $"{sku.ProductId}/{sku.Name.Trim()}", clashes.Append(sku.Id));
            }

            if (id > 0)
            {
                store.ReserveId("sku", id.Value, 1);
            }

            store.PutSku(sku);
            return VtexResults.Ok(sku);
        }
    }

    private static IResult UpdateSku(HttpContext http, SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Skus.TryGetValue(id, out var current))
            {
                return NotFound($"SKU {id} not found.");
            }

            var sku = ReadSku(body, id);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (ValidateSku(store, body, sku, id) is { } rejected)
            {
                return rejected;
            }

            if (sku.IsActive && !current.IsActive && !store.SkuFiles.Values.Any(f => f.SkuId == id))
            {
                return Bad("The SKU cannot be activated: it has no image.");
            }

            // Full replace: IsActive omitted means false (the SKU is deactivated).
            sku = sku with { CreationDate = current.CreationDate };
            store.PutSku(sku);
            return VtexResults.Ok(sku);
        }
    }

    private static IResult GetSku(SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.Skus.TryGetValue(id, out var sku) ? VtexResults.Ok(sku) : NotFound($"SKU {id} not found.");
        }
    }

    private static IResult GetSkuByRefId(HttpContext http, SandboxState state, string account)
    {
        var refId = http.Request.Query["RefId"].ToString();
        if (refId.Length == 0)
        {
            return Bad("The query parameter RefId is required.");
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var sku = a.Catalog.SkuByRefId(refId);
            return sku is null ? NotFound($"SKU with RefId '{refId}' not found.") : VtexResults.Ok(sku with { Videos = [] });
        }
    }

    private static IResult GetSkuIdByRefId(SandboxState state, string account, string refId)
    {
        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var sku = a.Catalog.SkuByRefId(refId);
            return sku is null
                ? NotFound($"SKU with RefId '{refId}' not found.")
                : VtexResults.Ok(sku.Id.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Bulk RefId → SKU id (only found RefIds appear); a RefId repeated in the request → 500, as VTEX documents.</summary>
    private static IResult GetSkuIdsByRefIds(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Array, out var body, out var bad))
        {
            return bad;
        }

        var refIds = body.Root.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText()).ToList();
        if (refIds.Count != refIds.Distinct(StringComparer.Ordinal).Count())
        {
            return VtexResults.Error(StatusCodes.Status500InternalServerError, "An item with the same key has already been added.");
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var found = refIds.Select(r => (RefId: r, Sku: a.Catalog.SkuByRefId(r))).Where(x => x.Sku is not null);
            return VtexResults.Ok(found.ToDictionary(x => x.RefId, x => x.Sku!.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal));
        }
    }

    private static IResult GetSkusOfProduct(SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return VtexResults.Ok(a.Catalog.SkusOfProduct(id).Select(s => new
            {
                IsPersisted = true,
                IsRemoved = false,
                s.Id,
                s.ProductId,
                s.IsActive,
                s.Name,
                Height = s.PackagedHeight,
                Width = s.PackagedWidth,
                Length = s.PackagedLength,
                WeightKg = s.PackagedWeightKg,
                s.RefId,
                s.CubicWeight,
                s.IsKit,
                s.ManufacturerCode,
                s.CommercialConditionId,
                s.MeasurementUnit,
                s.UnitMultiplier,
            }).ToList());
        }
    }

    private static VtexSku ReadSku(VtexBody b, int id) => new()
    {
        Id = id,
        ProductId = b.Int("ProductId") ?? 0,
        IsActive = b.Bool("IsActive") ?? false,
        ActivateIfPossible = b.Bool("ActivateIfPossible") ?? false,
        Name = b.String("Name") ?? "",
        RefId = b.String("RefId"),
        PackagedHeight = b.Double("PackagedHeight") ?? 0,
        PackagedLength = b.Double("PackagedLength") ?? 0,
        PackagedWidth = b.Double("PackagedWidth") ?? 0,
        PackagedWeightKg = b.Double("PackagedWeightKg") ?? 0,
        Height = b.Double("Height"),
        Length = b.Double("Length"),
        Width = b.Double("Width"),
        WeightKg = b.Double("WeightKg"),
        CubicWeight = b.Double("CubicWeight"),
        IsKit = b.Bool("IsKit") ?? false,
        RewardValue = b.Double("RewardValue"),
        EstimatedDateArrival = b.String("EstimatedDateArrival"),
        ManufacturerCode = b.String("ManufacturerCode"),
        CommercialConditionId = b.Int("CommercialConditionId") ?? 1,
        MeasurementUnit = b.String("MeasurementUnit") ?? "un",
        UnitMultiplier = b.Double("UnitMultiplier") ?? 1,
        ModalType = b.String("ModalType"),
        KitItensSellApart = b.Bool("KitItensSellApart") ?? false,
        Videos = b.Strings("Videos"),
    };

    private static IResult? ValidateSku(VtexCatalogStore store, VtexBody body, VtexSku sku, int selfId)
    {
        if (sku.ProductId <= 0 || !store.Products.ContainsKey(sku.ProductId))
        {
            return Bad($"ProductId {sku.ProductId} not found.");
        }

        if (string.IsNullOrWhiteSpace(sku.Name))
        {
            return Bad("SKU Name is required.");
        }

        if (sku.Name.Length > MaxSkuNameLength)
        {
            return Bad($"SKU Name must have at most {MaxSkuNameLength} characters.");
        }

        foreach (var field in new[] { "PackagedHeight", "PackagedLength", "PackagedWidth", "PackagedWeightKg" })
        {
            if (!body.Has(field))
            {
                return Bad($"{field} is required.");
            }
        }

        if (sku.PackagedWeightKg <= 0)
        {
            return Bad("PackagedWeightKg must be greater than zero.");
        }

        if (sku.CommercialConditionId == 0)
        {
            return Bad("CommercialConditionId cannot be 0.");
        }

        if (sku.RefId is { Length: > MaxSkuRefIdLength })
        {
            return Bad($"RefId must have at most {MaxSkuRefIdLength} characters.");
        }

        if (!string.IsNullOrWhiteSpace(sku.RefId) && store.SkuByRefId(sku.RefId) is { } other && other.Id != selfId)
        {
            return Conflict($"An SKU with RefId '{sku.RefId}' already exists.");
        }

        return null;
    }

    private static IResult CreateGroup(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var name = body.String("Name");
            var category = body.Int("CategoryId");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                return Bad("Name is required.");
            }

            if (category is int c && !store.Categories.ContainsKey(c))
            {
                return Bad($"Category {c} not found.");
            }

            var group = new VtexSpecificationGroup(store.NextId("group", store.SpecificationGroups.Keys, 1), category, name, store.SpecificationGroups.Count + 1);
            store.SpecificationGroups[group.Id] = group;
            return VtexResults.Ok(group);
        }
    }

    private static IResult CreateField(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var field = new VtexSpecificationField
            {
                FieldTypeId = body.Int("FieldTypeId") ?? 0,
                CategoryId = body.Int("CategoryId"),
                FieldGroupId = body.Int("FieldGroupId") ?? 0,
                Name = body.String("Name") ?? "",
                Description = body.String("Description"),
                Position = body.Int("Position"),
                IsFilter = body.Bool("IsFilter") ?? false,
                IsRequired = body.Bool("IsRequired") ?? false,
                IsOnProductDetails = body.Bool("IsOnProductDetails") ?? false,
                IsStockKeepingUnit = body.Bool("IsStockKeepingUnit") ?? false,
                IsWizard = body.Bool("IsWizard") ?? false,
                IsActive = body.Bool("IsActive") ?? false,
                IsTopMenuLinkActive = body.Bool("IsTopMenuLinkActive") ?? false,
                IsSideMenuLinkActive = body.Bool("IsSideMenuLinkActive") ?? false,
                DefaultValue = body.String("DefaultValue"),
            };
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(field.Name))
            {
                return Bad("Name is required.");
            }

            if (field.FieldTypeId is not (1 or 2 or 4 or 5 or 6 or 7 or 8 or 9))
            {
                return Bad($"FieldTypeId {field.FieldTypeId} is not valid.");
            }

            if (!store.SpecificationGroups.TryGetValue(field.FieldGroupId, out var group))
            {
                return Bad($"FieldGroupId {field.FieldGroupId} not found.");
            }

            if (field.CategoryId is int c && !store.Categories.ContainsKey(c))
            {
                return Bad($"Category {c} not found.");
            }

            if (field.IsStockKeepingUnit && field.FieldTypeId is not (5 or 6))
            {
                return Bad("Sku Field can be only of the Radio or Combo type");
            }

            field = field with { Id = store.NextId("field", store.SpecificationFields.Keys, 1), CategoryId = field.CategoryId ?? group.CategoryId };
            store.SpecificationFields[field.Id] = field;
            return VtexResults.Ok(field);
        }
    }

    private static IResult GetField(SandboxState state, string account, string specificationId)
    {
        if (!VtexBrandEndpoints.TryId(specificationId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.SpecificationFields.TryGetValue(id, out var field) ? VtexResults.Ok(field) : NotFound($"Specification {id} not found.");
        }
    }

    private static IResult CreateValue(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var fieldId = body.Int("FieldId") ?? 0;
            var name = body.String("Name");
            var text = body.String("Text");
            var isActive = body.Bool("IsActive") ?? false;
            var position = body.Int("Position");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (!store.SpecificationFields.TryGetValue(fieldId, out var field))
            {
                return Bad($"FieldId {fieldId} not found.");
            }

            if (field.FieldTypeId is not (5 or 6 or 7))
            {
                return Bad("Values can only be created for Combo, Radio or Checkbox fields.");
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                return Bad("Name is required.");
            }

            var id = store.NextId("value", store.SpecificationValues.Keys, 1);
            var clashes = store.SpecificationValues.Values.Where(v => v.FieldId == fieldId && SameName(v.Name, name)).Select(v => (long)v.FieldValueId).ToList();
            if (clashes.Count > 0)
            {
                a.RecordDuplicate("specificationValue", $"{fieldId}/{name.Trim()}", clashes.Append(id));
            }

            var value = new VtexSpecificationValue(id, fieldId, name, text, isActive, position ?? store.SpecificationValues.Values.Count(v => v.FieldId == fieldId) + 1);
            store.SpecificationValues[id] = value;
            return VtexResults.Ok(value);
        }
    }

    private static IResult FieldsByCategory(SandboxState state, string account, string categoryId)
    {
        if (!VtexBrandEndpoints.TryId(categoryId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var scope = Ancestors(a.Catalog, id);
            return VtexResults.Ok(a.Catalog.SpecificationFields.Values
                .Where(f => f.CategoryId is null || scope.Contains(f.CategoryId.Value))
                .Select(f => new { f.Name, f.CategoryId, FieldId = f.Id, f.IsActive, f.IsStockKeepingUnit })
                .ToList());
        }
    }

    private static IResult ValuesOfField(SandboxState state, string account, string fieldId)
    {
        if (!VtexBrandEndpoints.TryId(fieldId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return VtexResults.Ok(a.Catalog.SpecificationValues.Values
                .Where(v => v.FieldId == id)
                .Select(v => new { v.FieldValueId, Value = v.Name, v.IsActive, v.Position })
                .ToList());
        }
    }

    /// <summary>Fields usable by a product or SKU: global ones and those of its category or an ancestor.</summary>
    private static bool Applies(VtexCatalogStore store, VtexSpecificationField field, int categoryId) =>
        field.CategoryId is null || Ancestors(store, categoryId).Contains(field.CategoryId.Value);

    private static IResult SetProductSpecifications(HttpContext http, SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Array, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Products.TryGetValue(id, out var product))
            {
                return NotFound($"Product {id} not found.");
            }

            var updates = new List<VtexProductSpecification>();
            foreach (var element in body.Root.EnumerateArray())
            {
                var item = VtexBody.Of(element);
                var fieldId = item.Int("Id");
                var fieldName = item.String("Name");
                var values = item.Strings("Value");
                if (item.Invalid() is { } invalid)
                {
                    return invalid;
                }

                if (!item.Has("Value"))
                {
                    return Bad("Value is required.");
                }

                var field = store.SpecificationFields.Values.FirstOrDefault(f =>
                    (fieldId is not null ? f.Id == fieldId : fieldName is not null && SameName(f.Name, fieldName)) && Applies(store, f, product.CategoryId));
                if (field is null)
                {
                    return Bad($"Specification '{fieldId?.ToString(CultureInfo.InvariantCulture) ?? fieldName}' not found for the product's category.");
                }

                if (field.IsStockKeepingUnit)
                {
                    return Bad($"Specification {field.Id} is an SKU specification.");
                }

                if (field.FieldTypeId is 5 or 6 or 7)
                {
                    var known = store.SpecificationValues.Values.Where(v => v.FieldId == field.Id).Select(v => v.Name).ToList();
                    var unknown = values.FirstOrDefault(v => !known.Any(k => SameName(k, v)));
                    if (unknown is not null)
                    {
                        return Bad($"Value '{unknown}' is not registered for specification {field.Id}.");
                    }
                }

                updates.Add(new VtexProductSpecification(field.Id, field.Name, values));
            }

            var specs = store.ProductSpecifications.TryGetValue(id, out var existing) ? existing : store.ProductSpecifications[id] = [];
            foreach (var update in updates)
            {
                specs[update.Id] = update;
            }

            return Results.Ok();
        }
    }

    private static IResult GetProductSpecifications(SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.Products.ContainsKey(id))
            {
                return NotFound($"Product {id} not found.");
            }

            var specs = a.Catalog.ProductSpecifications.TryGetValue(id, out var s) ? s.Values.ToList() : [];
            return VtexResults.Ok(specs.Select(x => new { x.Value, x.Id, x.Name }).ToList());
        }
    }

    private static IResult AssociateSkuSpecification(HttpContext http, SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Skus.ContainsKey(id))
            {
                return NotFound($"SKU {id} not found.");
            }

            var fieldId = body.Int("FieldId");
            var valueId = body.Int("FieldValueId");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (fieldId is null || !store.SpecificationFields.TryGetValue(fieldId.Value, out var field))
            {
                return Bad($"FieldId {fieldId} not found.");
            }

            if (!field.IsStockKeepingUnit)
            {
                return Bad($"Specification {field.Id} is not an SKU specification.");
            }

            if (valueId is null || !store.SpecificationValues.TryGetValue(valueId.Value, out var value) || value.FieldId != field.Id)
            {
                return Bad($"FieldValueId {valueId} does not belong to field {field.Id}.");
            }

            // VTEX answers 200 even when the field is outside the product's category (the association is then invisible).
            var association = new VtexSkuSpecification(store.NextId("skuspec", store.SkuSpecifications.Keys, 1), id, field.Id, value.FieldValueId, value.Name);
            var clashes = store.SkuSpecifications.Values.Where(s => s.SkuId == id && s.FieldId == field.Id).Select(s => (long)s.Id).ToList();
            if (clashes.Count > 0)
            {
                a.RecordDuplicate("skuSpecification", $"{id}/{field.Id}", clashes.Append(association.Id));
            }

            store.SkuSpecifications[association.Id] = association;
            return VtexResults.Ok(association);
        }
    }

    private static IResult GetSkuSpecifications(SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.Skus.ContainsKey(id)
                ? VtexResults.Ok(a.Catalog.SkuSpecifications.Values.Where(s => s.SkuId == id).ToList())
                : NotFound($"SKU {id} not found.");
        }
    }

    private static IResult UpdateSkuSpecification(HttpContext http, SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var associationId = body.Int("Id");
            var fieldId = body.Int("FieldId");
            var valueId = body.Int("FieldValueId");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (associationId is null || fieldId is null || valueId is null)
            {
                return Bad("Id, FieldId and FieldValueId are required.");
            }

            if (!store.SkuSpecifications.TryGetValue(associationId.Value, out var current) || current.SkuId != id)
            {
                return NotFound($"SKU specification {associationId} not found on SKU {id}.");
            }

            if (current.FieldId != fieldId)
            {
                return Bad("Only FieldValueId can change.");
            }

            if (!store.SpecificationValues.TryGetValue(valueId.Value, out var value) || value.FieldId != current.FieldId)
            {
                return Bad($"FieldValueId {valueId} does not belong to field {current.FieldId}.");
            }

            var updated = current with { FieldValueId = value.FieldValueId, Text = value.Name };
            store.SkuSpecifications[updated.Id] = updated;
            return VtexResults.Ok(new[] { updated });
        }
    }

    private static IResult DeleteSkuSpecification(SandboxState state, string account, string skuId, string specificationId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad) || !VtexBrandEndpoints.TryId(specificationId, out var specId, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.SkuSpecifications.TryGetValue(specId, out var spec) || spec.SkuId != id)
            {
                return NotFound($"SKU specification {specId} not found on SKU {id}.");
            }

            a.Catalog.SkuSpecifications.Remove(specId);
            return Results.Ok();
        }
    }

    private static IResult CreateComplement(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var parent = body.Int("ParentSkuId");
            var sku = body.Int("SkuId");
            var type = body.Int("ComplementTypeId");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (parent is null || sku is null || type is null)
            {
                return Bad("ParentSkuId, SkuId and ComplementTypeId are required.");
            }

            if (!store.Skus.ContainsKey(parent.Value))
            {
                return Bad($"ParentSkuId {parent} not found.");
            }

            if (!store.Skus.ContainsKey(sku.Value))
            {
                return Bad($"SkuId {sku} not found.");
            }

            if (!ComplementTypes.Contains(type.Value))
            {
                return Bad("ComplementTypeId must be 1 (accessory), 2 (suggestion), 3 (similar) or 5 (show together).");
            }

            var complement = new VtexSkuComplement(store.NextId("complement", store.SkuComplements.Keys, 1), sku.Value, parent.Value, type.Value);
            var clashes = store.SkuComplements.Values.Where(c => c.ParentSkuId == parent && c.SkuId == sku && c.ComplementTypeId == type).Select(c => (long)c.Id).ToList();
            if (clashes.Count > 0)
            {
                a.RecordDuplicate("skuComplement", $"{parent}/{sku}/{type}", clashes.Append(complement.Id));
            }

            store.SkuComplements[complement.Id] = complement;
            return VtexResults.Ok(new[] { complement });
        }
    }

    private static IResult GetComplement(SandboxState state, string account, string skuComplementId)
    {
        if (!VtexBrandEndpoints.TryId(skuComplementId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.SkuComplements.TryGetValue(id, out var c) ? VtexResults.Ok(new[] { c }) : NotFound($"SKU complement {id} not found.");
        }
    }

    private static IResult DeleteComplement(SandboxState state, string account, string skuComplementId)
    {
        if (!VtexBrandEndpoints.TryId(skuComplementId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.SkuComplements.Remove(id) ? Results.Ok() : NotFound($"SKU complement {id} not found.");
        }
    }

    private static IResult ComplementsOf(SandboxState state, string account, string skuId) => Complements(state, account, skuId, null);

    private static IResult ComplementsOfType(SandboxState state, string account, string skuId, string complementTypeId)
    {
        if (!VtexBrandEndpoints.TryId(complementTypeId, out var type, out var bad))
        {
            return bad;
        }

        return Complements(state, account, skuId, type);
    }

    private static IResult Complements(SandboxState state, string account, string skuId, int? type)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return VtexResults.Ok(a.Catalog.SkuComplements.Values
                .Where(c => c.ParentSkuId == id && (type is null || c.ComplementTypeId == type))
                .ToList());
        }
    }

    private static IResult AddFile(HttpContext http, SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Skus.TryGetValue(id, out var sku))
            {
                return NotFound($"SKU {id} not found.");
            }

            var url = body.String("Url");
            var name = body.String("Name");
            var file = new VtexSkuFile(0, 0, id, name, body.String("Label"), body.Bool("IsMain") ?? false, url ?? "", body.Int("Position") ?? 0);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                return Bad("Name is required.");
            }

            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !ImageExtensions.Any(e => uri.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                return Bad("Url must be an http(s) address of a .jpg, .png or .gif image.");
            }

            var fileId = store.NextId("file", store.SkuFiles.Keys, 1);
            file = file with { Id = fileId, ArchiveId = 100_000 + fileId, Position = file.Position == 0 ? store.SkuFiles.Values.Count(f => f.SkuId == id) + 1 : file.Position };
            store.SkuFiles[fileId] = file;
            if (sku.ActivateIfPossible && !sku.IsActive)
            {
                store.PutSku(sku with { IsActive = true });
            }

            return VtexResults.Ok(new[] { file });
        }
    }

    private static IResult GetFiles(SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return VtexResults.Ok(a.Catalog.SkuFiles.Values.Where(f => f.SkuId == id).ToList());
        }
    }
}
