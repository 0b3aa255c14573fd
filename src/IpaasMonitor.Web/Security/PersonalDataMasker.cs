using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// LGPD: hides names, CPF/CNPJ, e-mail, phone and street address in payloads, errors, exports and the order trace shown to
/// people who may not see them. JSON is walked so that fields holding personal data are masked whatever their format:
/// <list type="bullet">
/// <item>by their own name (document, cpf, cnpj, e-mail, phone, street, postal code, first/last/corporate/trade/receiver
/// name…);</item>
/// <item>by the object they are in: inside an address every field but city, state, country and type is masked; inside a
/// phone list every text (the ERP's <c>phones: [{ number }]</c>); inside a person (an object that also holds a document, an
/// e-mail or a phone, or is named customer, client, buyer…) its <c>name</c> (a product's or brand's name stays).</item>
/// </list>
/// Every other string (and any non-JSON text) goes through patterns for documents, e-mails and phone numbers, which
/// catches them inside error messages and free text.
/// </summary>
public static partial class PersonalDataMasker
{
    private const string Hidden = "***";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> AddressFields =
        ["street", "address", "addressline", "addressline1", "addressline2", "complement", "neighborhood", "district", "postalcode",
         "zipcode", "cep", "logradouro", "bairro", "complemento", "endereco", "geocoordinates", "reference"];

    /// <summary>Inside an address object everything is personal but these (a city alone identifies nobody).</summary>
    private static readonly HashSet<string> AddressKeptFields =
        ["city", "cityname", "citycode", "state", "stateabbreviation", "uf", "country", "countrycode", "addresstype", "addressid", "id", "sequence", "type", "typecode"];

    private static readonly string[] PhoneFields = ["phone", "telephone", "cellphone", "mobile", "telefone", "celular", "fone"];

    private static readonly HashSet<string> DocumentFields =
        ["document", "documentnumber", "corporatedocument", "stateinscription", "stateregistration", "inscricaoestadual", "rg"];

    private static readonly HashSet<string> EmailFields = ["email", "e-mail", "mail", "emailaddress"];

    /// <summary>Fields that are a person's name wherever they appear.</summary>
    private static readonly HashSet<string> PersonNameFields =
        ["firstname", "lastname", "fullname", "corporatename", "tradename", "fantasyname", "receivername", "customername", "clientname",
         "buyername", "nickname", "razaosocial", "nomefantasia", "nomecliente"];

    /// <summary>Fields that are a person's name only inside a person object (a product also has a "name").</summary>
    private static readonly HashSet<string> NameFields = ["name", "nome"];

    /// <summary>Objects that are a person by their name.</summary>
    private static readonly string[] PersonObjects = ["customer", "client", "buyer", "clientprofile", "individual", "legalentity", "person", "receiver", "cliente"];

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
                    MaskNode(node, Context.None);
                    return node.ToJsonString(Indented);
                }
            }
            catch (JsonException)
            {
                // Not valid JSON after all (a truncated excerpt): the text patterns below still apply.
            }
        }

        return MaskText(text);
    }

    /// <summary>
    /// CPF 123.456.789-09 → ***.456.789-**; CNPJ 12.345.678/0001-95 → **.345.678/****-**; a@b.com → a***@b.com;
    /// (11) 98765-4321 or +55 11 98765-4321 → ****4321.
    /// </summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Cnpj().Replace(text, m => MaskDocument(m.Value));
        text = Cpf().Replace(text, m => MaskDocument(m.Value));
        text = Email().Replace(text, m => MaskEmail(m.Value));
        text = Phone().Replace(text, m => MaskPhone(m.Value));
        text = PostalCode().Replace(text, m => m.Groups["label"].Value + Hidden);
        return text;
    }

    private static void MaskNode(JsonNode node, Context context)
    {
        switch (node)
        {
            case JsonObject obj:
                var person = context.HasFlag(Context.Person) || IsPerson(obj);
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is null)
                    {
                        continue;
                    }

                    var key = Key(name);
                    if (child is JsonValue value)
                    {
                        obj[name] = MaskValue(key, value, context, person);
                        continue;
                    }

                    if (child is JsonArray { Count: > 0 } values && values.All(v => v is JsonValue { } n && n.GetValueKind() == JsonValueKind.Number)
                        && (context.HasFlag(Context.Address) || AddressFields.Contains(key)))
                    {
                        obj[name] = Hidden; // geo-coordinates of a delivery address
                        continue;
                    }

                    MaskNode(child, ChildContext(key, context & ~Context.Person));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value)
                    {
                        array[i] = MaskValue(context.HasFlag(Context.Phone) ? "phone" : "", value, context, person: false);
                    }
                    else if (array[i] is { } child)
                    {
                        MaskNode(child, context);
                    }
                }

                break;
        }
    }

    /// <summary>What an object or array under <paramref name="key"/> is: an address, a phone list, an e-mail list, a person.</summary>
    private static Context ChildContext(string key, Context inherited)
    {
        var context = inherited;
        if (key.Contains("address", StringComparison.Ordinal) || key.Contains("endereco", StringComparison.Ordinal) || key is "shipping" or "entrega")
        {
            context |= Context.Address;
        }

        if (PhoneFields.Any(p => key.Contains(p, StringComparison.Ordinal)))
        {
            context |= Context.Phone;
        }

        if (key.Contains("email", StringComparison.Ordinal))
        {
            context |= Context.Email;
        }

        if (PersonObjects.Any(p => key.Contains(p, StringComparison.Ordinal)))
        {
            context |= Context.Person;
        }

        return context;
    }

    private static JsonNode? MaskValue(string key, JsonValue value, Context context, bool person)
    {
        var kind = value.GetValueKind();
        if (kind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return value.DeepClone(); // true, false, null
        }

        var text = kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (IsDocument(key))
        {
            return MaskDocument(text);
        }

        if (EmailFields.Contains(key) || (context.HasFlag(Context.Email) && text.Contains('@', StringComparison.Ordinal)))
        {
            return MaskEmail(text);
        }

        if (PhoneFields.Any(p => key.Contains(p, StringComparison.Ordinal)) || (context.HasFlag(Context.Phone) && key is "number" or "numero" or "phone" or ""))
        {
            return MaskPhone(text);
        }

        if (AddressFields.Contains(key) || (context.HasFlag(Context.Address) && !AddressKeptFields.Contains(key) && kind == JsonValueKind.String))
        {
            return Stars(text);
        }

        if (PersonNameFields.Contains(key) || (person && NameFields.Contains(key)))
        {
            return Stars(text);
        }

        return kind == JsonValueKind.String ? MaskText(text) : value.DeepClone();
    }

    /// <summary>An object that holds a document, an e-mail or a phone of its own is a person (or a company): its name is personal.</summary>
    private static bool IsPerson(JsonObject obj) =>
        obj.Any(p => p.Value is not null && (IsDocument(Key(p.Key)) || EmailFields.Contains(Key(p.Key)) || Key(p.Key) is "phones" or "emails"
            || (p.Value is JsonValue && PhoneFields.Any(f => Key(p.Key).Contains(f, StringComparison.Ordinal)))));

    private static bool IsDocument(string key) =>
        DocumentFields.Contains(key) || key.Contains("cpf", StringComparison.Ordinal) || key.Contains("cnpj", StringComparison.Ordinal);

    private static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string MaskDocument(string value)
    {
        var alphanumerics = new string(value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return alphanumerics.Length switch
        {
            11 when alphanumerics.All(char.IsAsciiDigit) => $"***.{alphanumerics[3..6]}.{alphanumerics[6..9]}-**",
            14 => $"**.{alphanumerics[2..5]}.{alphanumerics[5..8]}/****-**",
            _ => Stars(value),
        };
    }

    private static string MaskEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? Stars(value) : $"{value[0]}***{value[at..]}";
    }

    private static string MaskPhone(string value)
    {
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? $"****{digits[^4..]}" : Stars(value);
    }

    private static string Stars(string value) => value.Length == 0 ? value : Hidden;

    [GeneratedRegex(@"(?<![\dA-Za-z])[\dA-Z]{2}\.?[\dA-Z]{3}\.?[\dA-Z]{3}/?[\dA-Z]{4}-?\d{2}(?![\dA-Za-z])")]
    private static partial Regex Cnpj();

    [GeneratedRegex(@"(?<!\d)\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?!\d)")]
    private static partial Regex Cpf();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    /// <summary>Brazilian phone numbers written as phone numbers: with +55, or with the area code in parentheses.</summary>
    [GeneratedRegex(@"(\+55[\s-]?\(?\d{2}\)?[\s-]?9?\d{4}[\s-]?\d{4}(?!\d))|(\(\d{2}\)\s?9?\d{4}[\s-]?\d{4}(?!\d))")]
    private static partial Regex Phone();

    /// <summary>A postal code named as such in free text ("CEP de entrega inválido: '0131'"): the value goes.</summary>
    [GeneratedRegex(@"(?<label>\b(CEP|postal ?code)\b[^\d'""]{0,40}['""]?)[\d][\d .-]{1,11}\d?", RegexOptions.IgnoreCase)]
    private static partial Regex PostalCode();

    [Flags]
    private enum Context
    {
        None = 0,
        Address = 1,
        Phone = 2,
        Email = 4,
        Person = 8,
    }
}
