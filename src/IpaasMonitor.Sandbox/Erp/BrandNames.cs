using System.Globalization;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>Brazilian-sounding fashion brand names built from syllables (deterministic for a given Random).</summary>
internal static class BrandNames
{
    private static readonly string[] Starts =
    [
        "Ma", "Lu", "Ca", "Bel", "Ra", "Flo", "Ti", "Ja", "Ce", "Do", "Ise", "Mar", "Va", "Sol", "Ana", "Bri",
        "Le", "Ni", "Pa", "Tere", "Cla", "Gio", "Ro", "Ale",
    ];

    private static readonly string[] Middles = ["ri", "na", "lu", "ve", "ta", "li", "ra", "mo", "ne", "si", "dá", "co", "bé", "ju"];

    private static readonly string[] Ends = ["na", "ra", "lia", "to", "ré", "la", "ni", "ssa", "ne", "me", "ca", "ã", "lu"];

    private static readonly string[] Suffixes =
    [
        "", "", "", "", " Moda", " Jeans", " Praia", " Kids", " Fitness", " Ateliê", " Basics", " Verão", " Couro",
        " Malhas", " Íntima", " Festa", " Urbana", " Algodão",
    ];

    private static readonly string[] Prefixes = ["", "", "", "", "", "", "Casa ", "Estúdio ", "Ateliê ", "Maison ", "Vila "];

    public static string Next(Random random)
    {
        var core = Starts[random.Next(Starts.Length)]
            + (random.Next(3) == 0 ? "" : Middles[random.Next(Middles.Length)])
            + Ends[random.Next(Ends.Length)];
        var name = Prefixes[random.Next(Prefixes.Length)] + core + Suffixes[random.Next(Suffixes.Length)];
        return CultureInfo.GetCultureInfo("pt-BR").TextInfo.ToTitleCase(name);
    }

    /// <summary>Trimmed, case-insensitive key used to keep names unique and to detect VTEX duplicates.</summary>
    public static string Key(string name) => name.Trim().ToUpperInvariant();
}
