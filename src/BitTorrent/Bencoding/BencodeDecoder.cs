namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>
/// Decodes bencode into <see cref="BValue"/>s whose strings are slices of the input (no copies), refusing
/// malformed or hostile input with a <see cref="BencodeFormatException"/>.
/// </summary>
public static class BencodeDecoder
{
    /// <summary>Decodes exactly one value that must span the whole input.</summary>
    public static BValue Decode(ReadOnlyMemory<byte> input, BencodeOptions? options = null)
    {
        options ??= BencodeOptions.Strict;
        if (input.Length > options.MaxInputBytes)
        {
            throw new BencodeFormatException($"input of {input.Length} bytes exceeds the limit of {options.MaxInputBytes}", 0);
        }
        if (input.IsEmpty)
        {
            throw new BencodeFormatException("input is empty", 0);
        }

        var parser = new Parser(input, options);
        var value = parser.ReadValue(0);
        if (parser.Position != input.Length)
        {
            throw new BencodeFormatException($"{input.Length - parser.Position} unexpected bytes after the value", parser.Position);
        }
        return value;
    }

    /// <summary>Decodes a value that must be a dictionary.</summary>
    public static BDictionary DecodeDictionary(ReadOnlyMemory<byte> input, BencodeOptions? options = null) =>
        Decode(input, options) as BDictionary ?? throw new BencodeFormatException("top-level value is not a dictionary", 0);

    private struct Parser(ReadOnlyMemory<byte> input, BencodeOptions options)
    {
        public int Position;

        public BValue ReadValue(int depth)
        {
            var start = Position;
            BValue value = Peek() switch
            {
                (byte)'i' => ReadInteger(),
                (byte)'l' => ReadList(depth + 1),
                (byte)'d' => ReadDictionary(depth + 1),
                >= (byte)'0' and <= (byte)'9' => ReadString(),
                var other => throw Fail($"unexpected byte 0x{other:x2}"),
            };
            value.Offset = start;
            value.Length = Position - start;
            return value;
        }

        private readonly byte Peek() =>
            Position < input.Length ? input.Span[Position] : throw Fail("input ends where a value was expected");

        private readonly BencodeFormatException Fail(string reason, int offset = 0) => new(reason, Position + offset);

        private BInteger ReadInteger()
        {
            Position++;
            var span = input.Span;
            var end = span[Position..].IndexOf((byte)'e');
            if (end < 0)
            {
                throw Fail("integer is not terminated by 'e'");
            }
            var digits = span.Slice(Position, end);
            var negative = digits.Length > 0 && digits[0] == (byte)'-';
            var magnitude = negative ? digits[1..] : digits;
            if (magnitude.IsEmpty)
            {
                throw Fail("integer has no digits");
            }
            if (options.RequireCanonical && magnitude.Length > 1 && magnitude[0] == (byte)'0')
            {
                throw Fail("integer has a leading zero");
            }
            if (options.RequireCanonical && negative && magnitude is [(byte)'0'])
            {
                throw Fail("integer is negative zero");
            }

            long value = 0;
            for (var i = 0; i < magnitude.Length; i++)
            {
                var digit = magnitude[i];
                if (digit is < (byte)'0' or > (byte)'9')
                {
                    throw Fail($"integer contains a non-digit 0x{digit:x2}", i + (negative ? 1 : 0));
                }
                // Accumulate negatively: long.MinValue has no positive counterpart.
                if (value < long.MinValue / 10 || (value == long.MinValue / 10 && digit - '0' > 8))
                {
                    throw Fail("integer does not fit in 64 bits");
                }
                value = value * 10 - (digit - '0');
            }
            if (!negative)
            {
                value = value == long.MinValue ? throw Fail("integer does not fit in 64 bits") : -value;
            }
            Position += end + 1;
            return new BInteger(value);
        }

        private BString ReadString()
        {
            var span = input.Span;
            var colon = span[Position..].IndexOf((byte)':');
            if (colon < 0)
            {
                throw Fail("string length is not followed by ':'");
            }
            var digits = span.Slice(Position, colon);
            if (options.RequireCanonical && digits.Length > 1 && digits[0] == (byte)'0')
            {
                throw Fail("string length has a leading zero");
            }
            long length = 0;
            for (var i = 0; i < digits.Length; i++)
            {
                var digit = digits[i];
                if (digit is < (byte)'0' or > (byte)'9')
                {
                    throw Fail($"string length contains a non-digit 0x{digit:x2}", i);
                }
                length = length * 10 + (digit - '0');
                if (length > input.Length)
                {
                    throw Fail("string length runs past the end of the input");
                }
            }
            var start = Position + colon + 1;
            if (length > input.Length - start)
            {
                throw Fail($"string of {length} bytes runs past the end of the input");
            }
            Position = start + (int)length;
            return new BString(input.Slice(start, (int)length));
        }

        private BList ReadList(int depth)
        {
            CheckDepth(depth);
            Position++;
            var list = new BList();
            while (Peek() != (byte)'e')
            {
                list.Add(ReadValue(depth));
            }
            Position++;
            return list;
        }

        private BDictionary ReadDictionary(int depth)
        {
            CheckDepth(depth);
            Position++;
            var dictionary = new BDictionary();
            BString? previous = null;
            while (Peek() != (byte)'e')
            {
                var keyPosition = Position;
                if (Peek() is < (byte)'0' or > (byte)'9')
                {
                    throw Fail("dictionary key is not a string");
                }
                var key = ReadString();
                if (options.RequireCanonical && previous is not null && previous.CompareTo(key) >= 0)
                {
                    throw new BencodeFormatException(
                        previous.Equals(key) ? $"duplicate key '{key.Text}'" : $"key '{key.Text}' is out of order", keyPosition);
                }
                var value = ReadValue(depth);
                if (!dictionary.TryAdd(key, value))
                {
                    throw new BencodeFormatException($"duplicate key '{key.Text}'", keyPosition);
                }
                previous = key;
            }
            Position++;
            return dictionary;
        }

        private readonly void CheckDepth(int depth)
        {
            if (depth > options.MaxDepth)
            {
                throw Fail($"nesting deeper than {options.MaxDepth}");
            }
        }
    }
}
