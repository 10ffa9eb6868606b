using OtpNet;
using QRCoder;
using Swarmgrid.Data.Identity;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>TOTP (RFC 6238) seeds, codes and QR codes through Otp.NET and QRCoder; recovery codes are random and single-use.</summary>
public static class TotpCodes
{
    public const string Issuer = "Swarmgrid";

    public static string NewSeed() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public static string OtpAuthUrl(string seed, string account) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={seed}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    public static string QrCodeDataUri(string otpAuthUrl)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpAuthUrl, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>
    /// The time step <paramref name="code"/> belongs to when it is the code of the current 30 s step or one step either
    /// side (clock drift); null otherwise. The caller spends the step in the user grain, which refuses replays.
    /// </summary>
    public static long? MatchStep(string seed, string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit)
        && new Totp(Base32Encoding.ToBytes(seed)).VerifyTotp(code, out var step, new VerificationWindow(1, 1))
            ? step
            : null;

    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, 10).Select(_ => SecretHash.NewSecret()[..16]).ToList();
}
