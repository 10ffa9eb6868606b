using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// BEP 9 (ut_metadata): serves the info dictionary to peers, and for a magnet link fetches it piece by piece from the
/// peers that announce its size, until it hashes to the info-hash. Called under the torrent's lock.
/// </summary>
internal sealed class MetadataExchange(TorrentManager owner)
{
    private readonly MetadataAssembler assembler = new(owner.InfoHashes);

    /// <summary>Learns the metadata size from a peer's extension handshake while we have no metadata.</summary>
    public void OnExtensionHandshake(ExtensionHandshake handshake)
    {
        if (owner.Loaded is null && handshake.MetadataSize is { } size)
        {
            assembler.TrySetSize(size);
        }
    }

    public void OnMessage(PeerConnection peer, MetadataMessage message)
    {
        var theirId = peer.Extensions?.Extensions.GetValueOrDefault("ut_metadata") ?? 0;
        switch (message.Type)
        {
            case MetadataMessageType.Request when theirId != 0:
                var raw = owner.Loaded?.RawInfo;
                var offset = (long)message.Piece * MetadataMessage.PieceSize;
                var reply = raw is { } info && offset < info.Length
                    ? new MetadataMessage(MetadataMessageType.Data, message.Piece, info.Length,
                        info.Slice((int)offset, (int)Math.Min(MetadataMessage.PieceSize, info.Length - offset)))
                    : new MetadataMessage(MetadataMessageType.Reject, message.Piece);
                peer.Send(PeerMessage.Extended(theirId, reply.Encode()));
                break;
            case MetadataMessageType.Data when owner.Loaded is null:
                if (assembler.Add(message) is { } loaded)
                {
                    owner.OnMetadataReceived(loaded);
                }
                break;
        }
    }

    /// <summary>Asks peers for the pieces not received nor asked for in the last ten seconds.</summary>
    public void RequestMore()
    {
        if (owner.Loaded is not null || assembler.Size == 0)
        {
            return;
        }
        var time = owner.Engine.Time;
        var now = time.GetTimestamp() / time.TimestampFrequency;
        foreach (var peer in owner.Peers)
        {
            var theirId = peer.Extensions?.Extensions.GetValueOrDefault("ut_metadata") ?? 0;
            if (theirId != 0 && peer.Extensions?.MetadataSize == assembler.Size && assembler.NextRequest(now, 10) is { } piece)
            {
                peer.Send(PeerMessage.Extended(theirId, new MetadataMessage(MetadataMessageType.Request, piece).Encode()));
            }
        }
    }
}
