using System.Diagnostics.CodeAnalysis;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// One item of a TOTVS search page: either the typed <see cref="Value"/> or the <see cref="Error"/> that kept it
/// from being read, always with its <see cref="RawJson"/>.
/// </summary>
/// <remarks>
/// Why not deserialize the whole page into <c>List&lt;T&gt;</c>: one bad record (a missing name, a string where a
/// number belongs) would then fail all the others on the page, and the run could not say which record was wrong.
/// Each item is parsed on its own instead, so a diagram records one failed message for that record (business key
/// from the raw JSON, the parse error as its last error) and goes on with the rest. A raw <c>JsonElement</c> plus a
/// typed accessor would push the parsing and its error handling into every diagram; this type does it once.
/// </remarks>
public sealed class ErpItem<T>
{
    private ErpItem(int page, int index, string rawJson, T? value, string? error, string? detail = null)
    {
        Page = page;
        Index = index;
        RawJson = rawJson;
        Value = value;
        Error = error;
        Detail = detail;
    }

    /// <summary>Page number (1-based) the item came from.</summary>
    public int Page { get; }

    /// <summary>Position of the item in its page (0-based).</summary>
    public int Index { get; }

    /// <summary>The item exactly as received.</summary>
    public string RawJson { get; }

    /// <summary>The typed item; not null when <see cref="IsValid"/>.</summary>
    public T? Value { get; }

    /// <summary>
    /// Why the item could not be read, worded for the analyst (pt-BR: field, value, what was expected, e.g. "campo
    /// 'code' com valor \"abc\" (texto); esperado um número inteiro"); null when valid.
    /// </summary>
    public string? Error { get; }

    /// <summary>The technical text behind <see cref="Error"/> (the serializer's message), for the message detail only.</summary>
    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>True for the stand-in of a whole page that could not be read (<see cref="Index"/> is -1).</summary>
    public bool IsUnreadablePage => Index < 0;

    /// <summary>
    /// The same record with its value projected (an invalid item stays invalid with its error), for searches that
    /// enrich items with data from another call.
    /// </summary>
    public ErpItem<TResult> Map<TResult>(Func<T, TResult> projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return IsValid
            ? ErpItem<TResult>.Valid(Page, Index, RawJson, projection(Value))
            : new ErpItem<TResult>(Page, Index, RawJson, default, Error, Detail);
    }

    internal static ErpItem<T> Valid(int page, int index, string rawJson, T value) => new(page, index, rawJson, value, null);

    internal static ErpItem<T> Invalid(int page, int index, string rawJson, string error, string? detail = null) => new(page, index, rawJson, default, error, detail);

    internal static ErpItem<T> UnreadablePage(int page, string excerpt, string error, string? detail = null) => new(page, -1, excerpt, default, error, detail);

    public override string ToString() => IsValid ? $"{Value}" : $"invalid item {Index} of page {Page}: {Error}";
}
