namespace IpaasMonitor.Web.Localization;

/// <summary>
/// The sign-in form's validation messages, for DataAnnotations' <c>ErrorMessageResourceType</c>: the attribute reads
/// the property when it validates, so the message follows the request's culture.
/// </summary>
public static class AccountValidation
{
    private static readonly UiText Text = new();

    public static string EmailRequired => Text["Account.EmailRequired"];

    public static string EmailInvalid => Text["Account.EmailInvalid"];

    public static string PasswordRequired => Text["Account.PasswordRequired"];

    public static string EmailTooLong => Text["Account.EmailTooLong", Security.InputLimits.Email];

    public static string PasswordTooLong => Text["Account.PasswordTooLong", Security.InputLimits.Password];
}
