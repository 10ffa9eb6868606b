using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Routes each message a peer sends to the part that handles it, and keeps what the peer says about itself: choke
/// and interest, the pieces it has (held back until a magnet link's metadata says how many pieces there are), its
/// extension handshake. Also writes the opening messages. Called under the torrent's lock.
/// </summary>
internal sealed class MessageDispatcher(TorrentManager owner)
{
    /// <summary>Our id for ut_metadata messages (BEP 9), as told in our extension handshake.</summary>
    public const byte MetadataExtensionId = 1;

    /// <summary>Our id for ut_pex messages (BEP 11).</summary>
    public const byte PexExtensionId = 2;

    /// <summary>Bitfield (or have-all/none) and extension handshake, right after the handshake.</summary>
    public void SendOpening(PeerConnection peer)
    {
        var picker = owner.Picker;
        var fast = peer.Remote.SupportsFastExtension;
        if (picker is null || picker.Have.NoneSet)
        {
            if (fast)
            {
                peer.Send(PeerMessage.HaveNone);
            }
        }
        else if (picker.Have.AllSet && fast)
        {
            peer.Send(PeerMessage.HaveAll);
        }
        else
        {
            peer.Send(PeerMessage.Bitfield(picker.Have.Span.ToArray()));
        }
        if (peer.Remote.SupportsExtensionProtocol)
        {
            var extensions = new Dictionary<string, byte> { ["ut_metadata"] = MetadataExtensionId };
            if (!owner.IsPrivate)
            {
                extensions["ut_pex"] = PexExtensionId;
            }
            var handshake = new ExtensionHandshake
            {
                Extensions = extensions,
                MetadataSize = owner.Loaded?.RawInfo.Length,
                ListenPort = owner.Engine.ListenPort > 0 ? (ushort)owner.Engine.ListenPort : null,
                ClientName = owner.Engine.Settings.ClientName,
                RequestQueueLength = 2000,
            };
            peer.Send(PeerMessage.Extended(0, handshake.Encode()));
        }
    }

    public void Handle(PeerConnection peer, PeerMessage message)
    {
        switch (message.Id)
        {
            case PeerMessageId.Choke:
                peer.PeerChoking = true;
                if (!peer.Remote.SupportsFastExtension)
                {
                    owner.Transfer.ReleaseRequests(peer);
                }
                break;
            case PeerMessageId.Unchoke:
                peer.PeerChoking = false;
                owner.Transfer.FillRequests(peer);
                break;
            case PeerMessageId.Interested:
                peer.PeerInterested = true;
                owner.Choker.OnInterested(peer);
                break;
            case PeerMessageId.NotInterested:
                peer.PeerInterested = false;
                break;
            case PeerMessageId.Have:
                OnHave(peer, message.PieceIndex);
                break;
            case PeerMessageId.Bitfield:
                OnBitfield(peer, message.Payload.ToArray(), haveAll: false);
                break;
            case PeerMessageId.HaveAll:
                OnBitfield(peer, null, haveAll: true);
                break;
            case PeerMessageId.HaveNone:
                OnBitfield(peer, null, haveAll: false);
                break;
            case PeerMessageId.Request:
                owner.Transfer.OnRequest(peer, new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength));
                break;
            case PeerMessageId.Cancel:
                owner.Transfer.OnCancel(peer, new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength));
                break;
            case PeerMessageId.Piece:
                owner.Transfer.OnBlock(peer, message);
                break;
            case PeerMessageId.Reject:
                owner.Transfer.OnReject(peer, new BlockRequest(message.PieceIndex, message.Begin, message.BlockLength));
                break;
            case PeerMessageId.AllowedFast:
                peer.AllowedFast.Add(message.PieceIndex);
                break;
            case PeerMessageId.Extended:
                OnExtended(peer, message);
                break;
        }
    }

    /// <summary>Applies what the peer said it had before the metadata arrived.</summary>
    public void AdoptPendingBits(PeerConnection peer)
    {
        if (peer.PendingBitfield is not null || peer.PendingHaveAll)
        {
            OnBitfield(peer, peer.PendingBitfield, peer.PendingHaveAll);
        }
        foreach (var piece in peer.PendingHaves)
        {
            OnHave(peer, piece);
        }
        peer.PendingHaves.Clear();
        peer.Has ??= new Bitfield(owner.Loaded!.PieceCount);
    }

    private void OnHave(PeerConnection peer, int piece)
    {
        var torrent = owner.Loaded;
        if (torrent is null)
        {
            peer.PendingHaves.Add(piece);
            return;
        }
        if (piece >= torrent.PieceCount)
        {
            throw new PeerProtocolException($"have for piece {piece} of {torrent.PieceCount}");
        }
        peer.Has ??= new Bitfield(torrent.PieceCount);
        if (!peer.Has[piece])
        {
            peer.Has[piece] = true;
            owner.Picker?.AddAvailability(piece, 1);
            owner.Transfer.UpdateInterest(peer);
        }
    }

    private void OnBitfield(PeerConnection peer, byte[]? bits, bool haveAll)
    {
        var torrent = owner.Loaded;
        if (torrent is null)
        {
            peer.PendingBitfield = bits;
            peer.PendingHaveAll = haveAll;
            return;
        }
        if (peer.Has is not null)
        {
            owner.Picker?.AddAvailability(peer.Has, -1);
        }
        Bitfield has;
        if (bits is not null)
        {
            if (!Bitfield.TryFrom(bits, torrent.PieceCount, out has))
            {
                throw new PeerProtocolException("a bitfield of the wrong length");
            }
        }
        else
        {
            has = new Bitfield(torrent.PieceCount);
            if (haveAll)
            {
                has.SetAll();
            }
        }
        peer.Has = has;
        owner.Picker?.AddAvailability(has, 1);
        owner.Transfer.UpdateInterest(peer);
    }

    private void OnExtended(PeerConnection peer, PeerMessage message)
    {
        if (message.ExtendedId == 0)
        {
            if (ExtensionHandshake.TryDecode(message.Payload, out var handshake))
            {
                peer.Extensions = handshake;
                owner.Metadata.OnExtensionHandshake(handshake);
            }
            return;
        }
        if (message.ExtendedId == MetadataExtensionId && MetadataMessage.TryDecode(message.Payload, out var metadataMessage))
        {
            owner.Metadata.OnMessage(peer, metadataMessage!);
        }
        else if (message.ExtendedId == PexExtensionId && PexMessage.TryDecode(message.Payload, out var pex))
        {
            owner.Pex.OnMessage(peer, pex!);
        }
    }
}
