namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>The id byte of a peer wire message (BEP 3, BEP 6 fast extension, BEP 10, BEP 52).</summary>
public enum PeerMessageId : byte
{
    Choke = 0,
    Unchoke = 1,
    Interested = 2,
    NotInterested = 3,
    Have = 4,
    Bitfield = 5,
    Request = 6,
    Piece = 7,
    Cancel = 8,
    Port = 9,
    Suggest = 0x0D,
    HaveAll = 0x0E,
    HaveNone = 0x0F,
    Reject = 0x10,
    AllowedFast = 0x11,
    Extended = 20,
    HashRequest = 21,
    Hashes = 22,
    HashReject = 23,

    /// <summary>Not a wire id: a zero-length message, which has no id byte at all.</summary>
    KeepAlive = 0xFF,
}
