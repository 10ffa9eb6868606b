using System.Text;

namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>A byte string. Decoded strings point into the input without copying.</summary>
public sealed class BString : BValue, IEquatable<BString>, IComparable<BString>
{
    public BString(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
    }

    public BString(string text) : this(Encoding.UTF8.GetBytes(text))
    {
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public ReadOnlySpan<byte> Span => Bytes.Span;

    /// <summary>The bytes read as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public override void WriteTo(BencodeWriter writer) => writer.WriteString(Bytes.Span);

    public bool Equals(BString? other) => other is not null && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => Equals(obj as BString);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
        return hash.ToHashCode();
    }

    /// <summary>Raw byte order, the order BEP 3 requires for dictionary keys.</summary>
    public int CompareTo(BString? other) => other is null ? 1 : Bytes.Span.SequenceCompareTo(other.Bytes.Span);

    public override string ToString() => Text;
}
