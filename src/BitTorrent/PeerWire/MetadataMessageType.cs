namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>The <c>msg_type</c> of a ut_metadata message (BEP 9).</summary>
public enum MetadataMessageType
{
    Request = 0,
    Data = 1,
    Reject = 2,
}
