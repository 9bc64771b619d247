using System.Text;
using NSec.Cryptography;

namespace TalksBot.Discord;

/// <summary>Discord's request signature: Ed25519 over timestamp + raw body, checked with NSec against the application's public key.</summary>
public sealed class DiscordSignature
{
    readonly PublicKey? key;

    public DiscordSignature(string? publicKeyHex)
    {
        if (TryHex(publicKeyHex, out var bytes) && PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.RawPublicKey, out var imported)) key = imported;
    }

    public bool IsConfigured => key is not null;

    /// <summary>Could this header be a signature at all (128 hex characters)? Checked before the body is read.</summary>
    public static bool IsWellFormed(string? signatureHex) => signatureHex is { Length: 128 } && signatureHex.All(Uri.IsHexDigit);

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (key is null || string.IsNullOrEmpty(timestamp) || !TryHex(signatureHex, out var signature) || signature.Length != 64) return false;
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(stamp.Length));
        return SignatureAlgorithm.Ed25519.Verify(key, signed, signature);
    }

    static bool TryHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(hex) || hex.Length % 2 != 0) return false;
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
