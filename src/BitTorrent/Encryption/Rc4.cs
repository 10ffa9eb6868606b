namespace Swarmgrid.BitTorrent.Encryption;

/// <summary>
/// The RC4 stream cipher as MSE uses it: keyed with a 20-byte SHA-1 and with the first 1024 bytes of keystream
/// discarded. .NET has no RC4 (it is unfit for anything else); one instance serves one direction of one connection.
/// </summary>
internal sealed class Rc4
{
    private readonly byte[] state = new byte[256];
    private int i;
    private int j;

    public Rc4(ReadOnlySpan<byte> key, int discard = 1024)
    {
        for (var k = 0; k < 256; k++)
        {
            state[k] = (byte)k;
        }
        for (int k = 0, m = 0; k < 256; k++)
        {
            m = (m + state[k] + key[k % key.Length]) & 0xFF;
            (state[k], state[m]) = (state[m], state[k]);
        }
        Span<byte> skip = stackalloc byte[256];
        for (var left = discard; left > 0; left -= skip.Length)
        {
            Apply(skip[..Math.Min(left, skip.Length)]);
        }
    }

    /// <summary>XORs <paramref name="data"/> with the next keystream bytes, in place (encrypting and decrypting alike).</summary>
    public void Apply(Span<byte> data)
    {
        var s = state;
        int x = i, y = j;
        for (var k = 0; k < data.Length; k++)
        {
            x = (x + 1) & 0xFF;
            var sx = s[x];
            y = (y + sx) & 0xFF;
            var sy = s[y];
            s[x] = sy;
            s[y] = sx;
            data[k] ^= s[(sx + sy) & 0xFF];
        }
        i = x;
        j = y;
    }
}
