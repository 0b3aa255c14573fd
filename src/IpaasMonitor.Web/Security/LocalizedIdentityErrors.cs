using System.Globalization;
using IpaasMonitor.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace IpaasMonitor.Web.Security;

/// <summary>Identity's validation messages the users page shows, in pt-BR unless the UI is in English.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Pt(base.PasswordTooShort(length), string.Format(CultureInfo.InvariantCulture, "A senha deve ter pelo menos {0} caracteres.", length));

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Pt(base.PasswordRequiresNonAlphanumeric(), "A senha deve ter pelo menos um símbolo (por exemplo # ou @).");

    public override IdentityError PasswordRequiresDigit() => Pt(base.PasswordRequiresDigit(), "A senha deve ter pelo menos um número (0-9).");

    public override IdentityError PasswordRequiresLower() => Pt(base.PasswordRequiresLower(), "A senha deve ter pelo menos uma letra minúscula (a-z).");

    public override IdentityError PasswordRequiresUpper() => Pt(base.PasswordRequiresUpper(), "A senha deve ter pelo menos uma letra maiúscula (A-Z).");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Pt(base.PasswordRequiresUniqueChars(uniqueChars), string.Format(CultureInfo.InvariantCulture, "A senha deve ter pelo menos {0} caracteres diferentes.", uniqueChars));

    public override IdentityError InvalidEmail(string? email) => Pt(base.InvalidEmail(email), $"O e-mail '{email}' é inválido.");

    public override IdentityError DuplicateEmail(string email) => Pt(base.DuplicateEmail(email), $"O e-mail '{email}' já está em uso.");

    public override IdentityError InvalidUserName(string? userName) =>
        Pt(base.InvalidUserName(userName), $"O e-mail '{userName}' tem caracteres não permitidos.");

    public override IdentityError DuplicateUserName(string userName) => Pt(base.DuplicateUserName(userName), $"O usuário '{userName}' já existe.");

    public override IdentityError InvalidToken() => Pt(base.InvalidToken(), "A operação expirou; tente de novo.");

    public override IdentityError ConcurrencyFailure() =>
        Pt(base.ConcurrencyFailure(), "O usuário foi alterado por outra pessoa ao mesmo tempo; recarregue a página e tente de novo.");

    private static IdentityError Pt(IdentityError english, string portuguese) =>
        UiText.IsEnglish ? english : new IdentityError { Code = english.Code, Description = portuguese };
}
