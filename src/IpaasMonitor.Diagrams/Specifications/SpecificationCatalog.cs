using IpaasMonitor.Connectors.Vtex.Catalog;

namespace IpaasMonitor.Diagrams.Specifications;

/// <summary>
/// Finds (or creates, once) the VTEX specification fields and values a run needs, per department: fields are looked
/// up by name in the category (<c>listByCategoryId</c>) and values by name in the field, so re-runs never create a
/// second field or value. One run's parallel sends share it; each lookup or creation happens once per key.
/// </summary>
public sealed class SpecificationCatalog(VtexSpecificationEndpoints specs, string groupName, int fieldTypeId, bool skuFields)
{
    private readonly SingleFlight<int, IReadOnlyList<VtexSpecificationFieldInfo>> fieldLists = new();
    private readonly SingleFlight<int, int> groups = new();
    private readonly SingleFlight<(int Department, string Name), int> fields = new();
    private readonly SingleFlight<int, Dictionary<string, int>> valueLists = new();
    private readonly SingleFlight<(int Field, string Name), int> values = new();

    /// <summary>The id of the field <paramref name="name"/> in the department, created with its group when missing.</summary>
    public Task<int> FieldAsync(int departmentId, string name, CancellationToken cancellationToken) =>
        fields.GetAsync((departmentId, name.Trim().ToUpperInvariant()), async key =>
        {
            var listed = await fieldLists.GetAsync(departmentId, id => specs.ListFieldsAsync(id, cancellationToken));
            var match = listed.FirstOrDefault(f => Same(f.Name, name) && f.IsStockKeepingUnit == skuFields);
            if (match is not null)
            {
                return match.FieldId;
            }

            var groupId = await groups.GetAsync(departmentId, async id =>
            {
                var group = await specs.CreateGroupAsync(new VtexSpecificationGroup { CategoryId = id, Name = groupName }, cancellationToken);
                return group.Id ?? throw new InvalidOperationException("VTEX did not return the specification group id.");
            });
            VtexSpecificationField created;
            try
            {
                created = await CreateFieldAsync(departmentId, groupId, name, cancellationToken);
            }
            catch (Exception)
            {
                // The field may exist although the answer was lost (a 504 after VTEX wrote it): the next try lists again.
                fieldLists.Forget(departmentId);
                throw;
            }

            return created.Id ?? throw new InvalidOperationException("VTEX did not return the specification field id.");
        });

    private Task<VtexSpecificationField> CreateFieldAsync(int departmentId, int groupId, string name, CancellationToken cancellationToken) =>
        specs.CreateFieldAsync(
                new VtexSpecificationField
                {
                    FieldTypeId = fieldTypeId,
                    CategoryId = departmentId,
                    FieldGroupId = groupId,
                    Name = name.Trim(),
                    IsStockKeepingUnit = skuFields,
                    IsActive = true,
                    IsFilter = skuFields,
                    IsOnProductDetails = !skuFields,
                },
                cancellationToken);

    /// <summary>The id of the value <paramref name="name"/> of a Combo/Radio field, created when missing.</summary>
    public Task<int> ValueAsync(int fieldId, string name, CancellationToken cancellationToken) =>
        values.GetAsync((fieldId, name.Trim().ToUpperInvariant()), async key =>
        {
            var existing = await valueLists.GetAsync(fieldId, async id =>
            {
                var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var value in await specs.ListValuesAsync(id, cancellationToken))
                {
                    if (value.Value is not null)
                    {
                        byName.TryAdd(value.Value.Trim(), value.FieldValueId);
                    }
                }

                return byName;
            });
            if (existing.TryGetValue(name.Trim(), out var found))
            {
                return found;
            }

            try
            {
                var created = await specs.CreateValueAsync(new VtexSpecificationValue { FieldId = fieldId, Name = name.Trim(), IsActive = true }, cancellationToken);
                return created.FieldValueId;
            }
            catch (Exception)
            {
                // As for fields: a value written without an answer is found by the next try's fresh list.
                valueLists.Forget(fieldId);
                throw;
            }
        });

    private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
