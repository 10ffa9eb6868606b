using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// One peer wire message: a 4-byte big-endian length, an id byte and a payload. Fixed-shape messages keep their
/// numbers inline; <see cref="Payload"/> (bitfield bytes, block data, extension payload, unknown payload) is a slice
/// of the decoded buffer, not a copy, so it is valid only as long as that buffer is.
/// </summary>
public readonly struct PeerMessage
{
    /// <summary>Bytes of the length prefix.</summary>
    public const int PrefixSize = 4;

    private readonly int first;
    private readonly int second;
    private readonly int third;

    private PeerMessage(PeerMessageId id, int first = 0, int second = 0, int third = 0, ReadOnlyMemory<byte> payload = default)
    {
        Id = id;
        this.first = first;
        this.second = second;
        this.third = third;
        Payload = payload;
    }

    public PeerMessageId Id { get; }

    /// <summary>The piece of a have, request, piece, cancel, suggest, reject or allowed-fast message.</summary>
    public int PieceIndex => first;

    /// <summary>The block offset within the piece (request, piece, cancel, reject).</summary>
    public int Begin => second;

    /// <summary>The block length (request, cancel, reject); for a piece message the length of <see cref="Payload"/>.</summary>
    public int BlockLength => Id == PeerMessageId.Piece ? Payload.Length : third;

    /// <summary>The DHT port of a port message.</summary>
    public ushort Port => (ushort)first;

    /// <summary>The extended message id (BEP 10): 0 for the extension handshake, else the receiver's id for the extension.</summary>
    public byte ExtendedId => (byte)first;

    /// <summary>Bitfield bytes, block data, the bencoded extension payload, or the payload of an unknown message.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public static PeerMessage KeepAlive => new(PeerMessageId.KeepAlive);

    public static PeerMessage Choke => new(PeerMessageId.Choke);

    public static PeerMessage Unchoke => new(PeerMessageId.Unchoke);

    public static PeerMessage Interested => new(PeerMessageId.Interested);

    public static PeerMessage NotInterested => new(PeerMessageId.NotInterested);

    public static PeerMessage HaveAll => new(PeerMessageId.HaveAll);

    public static PeerMessage HaveNone => new(PeerMessageId.HaveNone);

    public static PeerMessage Have(int piece) => new(PeerMessageId.Have, piece);

    public static PeerMessage Bitfield(ReadOnlyMemory<byte> bits) => new(PeerMessageId.Bitfield, payload: bits);

    public static PeerMessage Request(int piece, int begin, int length) => new(PeerMessageId.Request, piece, begin, length);

    public static PeerMessage Cancel(int piece, int begin, int length) => new(PeerMessageId.Cancel, piece, begin, length);

    public static PeerMessage Reject(int piece, int begin, int length) => new(PeerMessageId.Reject, piece, begin, length);

    public static PeerMessage Piece(int piece, int begin, ReadOnlyMemory<byte> block) => new(PeerMessageId.Piece, piece, begin, payload: block);

    public static PeerMessage DhtPort(ushort port) => new(PeerMessageId.Port, port);

    public static PeerMessage Suggest(int piece) => new(PeerMessageId.Suggest, piece);

    public static PeerMessage AllowedFast(int piece) => new(PeerMessageId.AllowedFast, piece);

    public static PeerMessage Extended(byte extendedId, ReadOnlyMemory<byte> payload) => new(PeerMessageId.Extended, extendedId, payload: payload);

    /// <summary>A message that is its id and <paramref name="payload"/> (BEP 52's hash messages; see <see cref="HashRequest"/>).</summary>
    internal static PeerMessage Raw(PeerMessageId id, ReadOnlyMemory<byte> payload) => new(id, payload: payload);

    /// <summary>Bytes <see cref="Encode"/> writes, length prefix included.</summary>
    public int EncodedLength => PrefixSize + BodyLength;

    private int BodyLength => Id switch
    {
        PeerMessageId.KeepAlive => 0,
        PeerMessageId.Have or PeerMessageId.Suggest or PeerMessageId.AllowedFast => 5,
        PeerMessageId.Request or PeerMessageId.Cancel or PeerMessageId.Reject => 13,
        PeerMessageId.Piece => 9 + Payload.Length,
        PeerMessageId.Port => 3,
        PeerMessageId.Extended => 2 + Payload.Length,
        PeerMessageId.Choke or PeerMessageId.Unchoke or PeerMessageId.Interested or PeerMessageId.NotInterested
            or PeerMessageId.HaveAll or PeerMessageId.HaveNone => 1,
        _ => 1 + Payload.Length,
    };

    /// <summary>Writes the message with its length prefix and returns <see cref="EncodedLength"/>.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Encode(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The message needs {length} bytes.", nameof(destination));
        }
        BinaryPrimitives.WriteInt32BigEndian(destination, length - PrefixSize);
        if (Id == PeerMessageId.KeepAlive)
        {
            return length;
        }
        destination[4] = (byte)Id;
        var body = destination[5..];
        switch (Id)
        {
            case PeerMessageId.Have or PeerMessageId.Suggest or PeerMessageId.AllowedFast:
                BinaryPrimitives.WriteInt32BigEndian(body, first);
                break;
            case PeerMessageId.Request or PeerMessageId.Cancel or PeerMessageId.Reject:
                BinaryPrimitives.WriteInt32BigEndian(body, first);
                BinaryPrimitives.WriteInt32BigEndian(body[4..], second);
                BinaryPrimitives.WriteInt32BigEndian(body[8..], third);
                break;
            case PeerMessageId.Piece:
                BinaryPrimitives.WriteInt32BigEndian(body, first);
                BinaryPrimitives.WriteInt32BigEndian(body[4..], second);
                Payload.Span.CopyTo(body[8..]);
                break;
            case PeerMessageId.Port:
                BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)first);
                break;
            case PeerMessageId.Extended:
                body[0] = (byte)first;
                Payload.Span.CopyTo(body[1..]);
                break;
            default:
                Payload.Span.CopyTo(body);
                break;
        }
        return length;
    }

    /// <summary>
    /// Decodes a message body (the bytes after the length prefix: id and payload; empty for a keep-alive). False when
    /// a message of fixed shape has the wrong length or a number is negative (BEP 52 hash messages included). Unknown ids decode with their payload, except 255, which stands for the keep-alive.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> body, out PeerMessage message)
    {
        message = default;
        if (body.IsEmpty)
        {
            message = KeepAlive;
            return true;
        }
        var span = body.Span;
        var id = (PeerMessageId)span[0];
        var rest = span[1..];
        switch (id)
        {
            case PeerMessageId.Choke or PeerMessageId.Unchoke or PeerMessageId.Interested or PeerMessageId.NotInterested
                or PeerMessageId.HaveAll or PeerMessageId.HaveNone:
                if (rest.Length != 0)
                {
                    return false;
                }
                message = new PeerMessage(id);
                return true;
            case PeerMessageId.Have or PeerMessageId.Suggest or PeerMessageId.AllowedFast:
                if (rest.Length != 4 || BinaryPrimitives.ReadInt32BigEndian(rest) is var piece && piece < 0)
                {
                    return false;
                }
                message = new PeerMessage(id, piece);
                return true;
            case PeerMessageId.Request or PeerMessageId.Cancel or PeerMessageId.Reject:
                if (rest.Length != 12)
                {
                    return false;
                }
                var (index, begin, length) = (BinaryPrimitives.ReadInt32BigEndian(rest), BinaryPrimitives.ReadInt32BigEndian(rest[4..]),
                    BinaryPrimitives.ReadInt32BigEndian(rest[8..]));
                if ((index | begin | length) < 0)
                {
                    return false;
                }
                message = new PeerMessage(id, index, begin, length);
                return true;
            case PeerMessageId.Piece:
                if (rest.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(rest) is var blockPiece && blockPiece < 0
                    || BinaryPrimitives.ReadInt32BigEndian(rest[4..]) is var blockBegin && blockBegin < 0)
                {
                    return false;
                }
                message = new PeerMessage(id, blockPiece, blockBegin, payload: body[9..]);
                return true;
            case PeerMessageId.Port:
                if (rest.Length != 2)
                {
                    return false;
                }
                message = new PeerMessage(id, BinaryPrimitives.ReadUInt16BigEndian(rest));
                return true;
            case PeerMessageId.Extended:
                if (rest.Length < 1)
                {
                    return false;
                }
                message = new PeerMessage(id, rest[0], payload: body[2..]);
                return true;
            case PeerMessageId.HashRequest or PeerMessageId.HashReject or PeerMessageId.Hashes:
                message = new PeerMessage(id, payload: body[1..]);
                return HashRequest.TryRead(message, out _, out _);
            case PeerMessageId.KeepAlive:
                return false;
            default:
                message = new PeerMessage(id, payload: body[1..]);
                return true;
        }
    }

    public override string ToString() => Id switch
    {
        PeerMessageId.Have or PeerMessageId.Suggest or PeerMessageId.AllowedFast => $"{Id}({PieceIndex})",
        PeerMessageId.Request or PeerMessageId.Cancel or PeerMessageId.Reject or PeerMessageId.Piece => $"{Id}({PieceIndex}, {Begin}, {BlockLength})",
        _ => $"{Id}",
    };
}
