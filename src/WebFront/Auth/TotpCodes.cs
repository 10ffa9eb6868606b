using OtpNet;
using QRCoder;
using Swarmgrid.Data.Identity;

namespace Swarmgrid.WebFront.Auth;

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

    /// <summary>Accepts the code of the current 30 s step or one step either side (clock drift).</summary>
    public static bool Verify(string seed, string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit)
        && new Totp(Base32Encoding.ToBytes(seed)).VerifyTotp(code, out _, new VerificationWindow(1, 1));

    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, 10).Select(_ => SecretHash.NewSecret()[..16]).ToList();
}
