using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>
/// Writes bencode tokens to a buffer. The caller writes dictionary keys in raw byte order;
/// <see cref="BDictionary"/> does that itself.
/// </summary>
public sealed class BencodeWriter
{
    private readonly IBufferWriter<byte> output;
    private readonly ArrayBufferWriter<byte>? owned;

    public BencodeWriter(int initialCapacity = 256)
    {
        owned = new ArrayBufferWriter<byte>(initialCapacity);
        output = owned;
    }

    public BencodeWriter(IBufferWriter<byte> output)
    {
        this.output = output;
    }

    /// <summary>What was written, when this writer owns its buffer.</summary>
    public ReadOnlySpan<byte> WrittenSpan =>
        owned is not null ? owned.WrittenSpan : throw new InvalidOperationException("This writer writes to a caller's buffer.");

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteInteger(long value)
    {
        var span = output.GetSpan(22);
        span[0] = (byte)'i';
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'e';
        output.Advance(written + 2);
    }

    public void WriteString(ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length + 11);
        Utf8Formatter.TryFormat(bytes.Length, span, out var written);
        span[written++] = (byte)':';
        bytes.CopyTo(span[written..]);
        output.Advance(written + bytes.Length);
    }

    public void WriteString(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(length + 11);
        Utf8Formatter.TryFormat(length, span, out var written);
        span[written++] = (byte)':';
        Encoding.UTF8.GetBytes(text, span[written..]);
        output.Advance(written + length);
    }

    /// <summary>Writes a key (ASCII text) followed by an integer value.</summary>
    public void WriteKeyValue(ReadOnlySpan<byte> key, long value)
    {
        WriteString(key);
        WriteInteger(value);
    }

    public void WriteListStart() => WriteByte((byte)'l');

    public void WriteDictionaryStart() => WriteByte((byte)'d');

    public void WriteEnd() => WriteByte((byte)'e');

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
