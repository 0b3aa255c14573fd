using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// LGPD: hides CPF/CNPJ, e-mail, phone and street address in payloads, errors and exports shown to people who may
/// not see them. JSON is walked so that fields named like personal data are masked whatever their format; every
/// string (and any non-JSON text) also goes through patterns for documents and e-mails, which catches them inside
/// error messages and free text.
/// </summary>
public static partial class PersonalDataMasker
{
    private static readonly string[] AddressFields =
        ["street", "address", "addressline", "complement", "neighborhood", "district", "postalcode", "zipcode", "cep", "logradouro", "bairro", "complemento"];

    /// <summary>Fields that are personal only inside an address object (an invoice also has a "number").</summary>
    private static readonly string[] AddressOnlyFields = ["number", "numero", "reference", "receivername"];

    private static readonly string[] PhoneFields = ["phone", "telephone", "cellphone", "mobile", "homephone", "businessphone", "telefone", "celular"];

    private static readonly string[] DocumentFields = ["document", "cpf", "cnpj", "corporatedocument", "stateinscription", "cpfcnpj"];

    private static readonly string[] EmailFields = ["email", "e-mail", "mail"];

    /// <summary>Masks a text that is JSON when it parses, plain text otherwise.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            try
            {
                var node = JsonNode.Parse(text);
                if (node is not null)
                {
                    MaskNode(node, parentName: null);
                    return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                }
            }
            catch (JsonException)
            {
                // Not valid JSON after all (a truncated excerpt): the text patterns below still apply.
            }
        }

        return MaskText(text);
    }

    /// <summary>CPF 123.456.789-09 → ***.456.789-**; CNPJ 12.345.678/0001-95 → **.345.678/****-**; a@b.com → a***@b.com.</summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Cnpj().Replace(text, m => $"**.{Digits(m.Value)[2..5]}.{Digits(m.Value)[5..8]}/****-**");
        text = Cpf().Replace(text, m => $"***.{Digits(m.Value)[3..6]}.{Digits(m.Value)[6..9]}-**");
        text = Email().Replace(text, m => MaskEmail(m.Value));
        return text;
    }

    private static void MaskNode(JsonNode node, string? parentName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is null)
                    {
                        continue;
                    }

                    if (child is JsonValue value && value.TryGetValue<string>(out var s))
                    {
                        obj[name] = MaskField(name, s, parentName);
                    }
                    else if (child is JsonValue number && IsPersonalField(name) && number.GetValueKind() == JsonValueKind.Number)
                    {
                        obj[name] = "***";
                    }
                    else
                    {
                        MaskNode(child, name);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var s))
                    {
                        array[i] = MaskField(parentName ?? "", s, parentName);
                    }
                    else if (array[i] is { } child)
                    {
                        MaskNode(child, parentName);
                    }
                }

                break;
        }
    }

    private static string MaskField(string name, string value, string? owner)
    {
        var key = name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (AddressOnlyFields.Contains(key) && owner?.Contains("address", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Stars(value);
        }

        if (DocumentFields.Contains(key))
        {
            var digits = Digits(value);
            return digits.Length switch
            {
                11 => $"***.{digits[3..6]}.{digits[6..9]}-**",
                14 => $"**.{digits[2..5]}.{digits[5..8]}/****-**",
                _ => Stars(value),
            };
        }

        if (EmailFields.Contains(key))
        {
            return MaskEmail(value);
        }

        if (PhoneFields.Any(p => key.Contains(p, StringComparison.Ordinal)))
        {
            var digits = Digits(value);
            return digits.Length >= 4 ? $"****{digits[^4..]}" : Stars(value);
        }

        if (AddressFields.Contains(key))
        {
            return Stars(value);
        }

        return MaskText(value);
    }

    private static bool IsPersonalField(string name)
    {
        var key = name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return DocumentFields.Contains(key) || AddressFields.Contains(key) || PhoneFields.Any(p => key.Contains(p, StringComparison.Ordinal));
    }

    private static string MaskEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? Stars(value) : $"{value[0]}***{value[at..]}";
    }

    private static string Stars(string value) => value.Length == 0 ? value : "***";

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"(?<!\d)\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}(?!\d)")]
    private static partial Regex Cnpj();

    [GeneratedRegex(@"(?<!\d)\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?!\d)")]
    private static partial Regex Cpf();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
