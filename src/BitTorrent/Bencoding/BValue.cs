namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>A decoded bencode value. Decoded values remember where they were in the input (<see cref="Offset"/>, <see cref="Length"/>).</summary>
public abstract class BValue
{
    /// <summary>Byte offset of this value's encoding in the decoded input; -1 for values built in code.</summary>
    public int Offset { get; internal set; } = -1;

    /// <summary>Length of this value's encoding in the decoded input; 0 for values built in code.</summary>
    public int Length { get; internal set; }

    /// <summary>Writes the canonical encoding of this value.</summary>
    public abstract void WriteTo(BencodeWriter writer);

    /// <summary>The canonical encoding of this value.</summary>
    public byte[] Encode()
    {
        var writer = new BencodeWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    public static implicit operator BValue(string text) => new BString(text);

    public static implicit operator BValue(long number) => new BInteger(number);

    public static implicit operator BValue(byte[] bytes) => new BString(bytes);
}
