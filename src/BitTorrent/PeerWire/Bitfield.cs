using System.Numerics;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// One bit per piece in wire order (BEP 3): the high bit of the first byte is piece 0; spare bits at the end are zero.
/// Not thread-safe.
/// </summary>
public sealed class Bitfield
{
    private readonly byte[] bytes;

    public Bitfield(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        bytes = new byte[(length + 7) / 8];
    }

    /// <summary>Number of pieces.</summary>
    public int Length { get; }

    /// <summary>Pieces whose bit is set.</summary>
    public int CountSet { get; private set; }

    public bool AllSet => CountSet == Length;

    public bool NoneSet => CountSet == 0;

    /// <summary>The wire bytes (<c>(Length + 7) / 8</c> of them).</summary>
    public ReadOnlySpan<byte> Span => bytes;

    public bool this[int index]
    {
        get => (bytes[index >> 3] & (0x80 >> (index & 7))) != 0;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            var mask = (byte)(0x80 >> (index & 7));
            var was = (bytes[index >> 3] & mask) != 0;
            if (was == value)
            {
                return;
            }
            bytes[index >> 3] = value ? (byte)(bytes[index >> 3] | mask) : (byte)(bytes[index >> 3] & ~mask);
            CountSet += value ? 1 : -1;
        }
    }

    /// <summary>Reads wire bytes; false when the byte count is wrong or a spare bit at the end is set.</summary>
    public static bool TryFrom(ReadOnlySpan<byte> wire, int length, out Bitfield bitfield)
    {
        bitfield = new Bitfield(length);
        if (wire.Length != bitfield.bytes.Length)
        {
            return false;
        }
        var spare = bitfield.bytes.Length * 8 - length;
        if (spare > 0 && (wire[^1] & ((1 << spare) - 1)) != 0)
        {
            return false;
        }
        wire.CopyTo(bitfield.bytes);
        var count = 0;
        foreach (var b in wire)
        {
            count += BitOperations.PopCount(b);
        }
        bitfield.CountSet = count;
        return true;
    }

    /// <summary>Sets every bit.</summary>
    public void SetAll()
    {
        for (var i = 0; i < Length; i++)
        {
            this[i] = true;
        }
    }

    public Bitfield Clone()
    {
        var copy = new Bitfield(Length);
        bytes.CopyTo(copy.bytes, 0);
        copy.CountSet = CountSet;
        return copy;
    }

    public override string ToString() => $"{CountSet}/{Length}";
}
