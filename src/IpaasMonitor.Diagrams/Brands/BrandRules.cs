using IpaasMonitor.Connectors.Erp.Product;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>What makes an ERP brand unusable, in words a support analyst can act on.</summary>
public static class BrandRules
{
    public static string? Validate(ErpBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        if (brand.Code <= 0)
        {
            return $"Código de marca inválido: {brand.Code}.";
        }

        if (string.IsNullOrWhiteSpace(brand.Name))
        {
            return $"Marca {brand.Code} sem nome no ERP.";
        }

        if (brand.Name.Any(char.IsControl))
        {
            return $"Marca {brand.Code}: o nome contém caracteres de controle.";
        }

        return null;
    }
}
