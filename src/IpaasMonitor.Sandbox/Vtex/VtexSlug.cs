using System.Globalization;
using System.Text;

namespace IpaasMonitor.Sandbox.Vtex;

internal static class VtexSlug
{
    /// <summary>"Ateliê Marina Moda" → "atelie-marina-moda" (what VTEX generates for a LinkId left empty).</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        var dash = false;
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
