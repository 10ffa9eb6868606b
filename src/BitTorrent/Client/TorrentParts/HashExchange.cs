using System.Numerics;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// BEP 52 hash messages. Fetching: a v2-only torrent from a magnet link lacks the piece layers of its files longer
/// than one piece, and cannot check those pieces without them, so the picker leaves them alone while the layers are
/// asked of peers in runs of 512 piece hashes with proofs up to the file's pieces root, checked as they arrive; once
/// a file's layer is whole the torrent keeps it. A hybrid from a magnet link checks its pieces with SHA-1 and does
/// not fetch layers (that needs the v2 upgrade of the handshake, which this engine does not do). Serving: requests at or above the piece layer are answered from the layers, requests at the
/// block layer inside a piece we have from its data on disk. Called under the torrent's lock.
/// </summary>
internal sealed class HashExchange(TorrentManager owner)
{
    /// <summary>Piece hashes asked for in one request (libtorrent's unit).</summary>
    public const int PiecesPerRequest = 512;

    /// <summary>An unanswered request is asked again of another peer after this long.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<BString, FileHashes> files = [];
    private Torrent? prepared;

    /// <summary>Answers sent, and answers received that proved correct.</summary>
    public int Served { get; private set; }

    public int Accepted { get; private set; }

    /// <summary>Whether the piece's hash is known, so it can be checked once downloaded.</summary>
    public bool CanVerify(int piece)
    {
        var torrent = owner.Loaded;
        if (torrent is null || torrent.HasV1)
        {
            return torrent is not null;
        }
        var fileIndex = owner.Storage!.Layout.FileAt((long)piece * torrent.PieceLength);
        return fileIndex >= 0 && torrent.HasPieceLayer(torrent.Files[fileIndex]);
    }

    /// <summary>Asks peers for the runs of piece hashes still missing and not asked for recently.</summary>
    public void Tick()
    {
        var torrent = owner.Loaded;
        if (torrent is null || torrent.Version != TorrentVersion.V2 || owner.Storage is null || torrent.HasAllPieceLayers)
        {
            return;
        }
        Prepare(torrent);
        var now = owner.Engine.Time.GetTimestamp();
        foreach (var file in files.Values.Where(f => !f.Complete))
        {
            for (var run = 0; run < file.Received.Length; run++)
            {
                if (file.Received[run] || (file.RequestedAt[run] != 0 && owner.Engine.Time.GetElapsedTime(file.RequestedAt[run]) < RetryAfter))
                {
                    continue;
                }
                var request = file.RequestFor(run);
                var peer = PickPeer(torrent, file, run);
                if (peer is null)
                {
                    continue;
                }
                peer.Send(request.ToRequest());
                file.RequestedAt[run] = now;
            }
        }
    }

    public void OnHashes(PeerConnection peer, PeerMessage message)
    {
        if (!HashRequest.TryRead(message, out var answer, out var hashes) || owner.Loaded is not { } torrent
            || !files.TryGetValue(new BString(answer.PiecesRoot), out var file) || file.Complete)
        {
            return;
        }
        var run = answer.Index / PiecesPerRequest;
        if (answer.BaseLayer != file.PieceHeight || answer.Index % PiecesPerRequest != 0 || run >= file.Received.Length
            || !answer.Matches(file.RequestFor(run)) || file.Received[run]
            || !MerkleProofs.Verify(answer, file.TreeHeight, answer.PiecesRoot.Span, hashes.Span))
        {
            // Not what we asked, or hashes that do not prove out: the peer lies or is broken.
            throw new PeerProtocolException("hashes that do not match the file's pieces root");
        }
        var real = Math.Min(answer.Length, file.Pieces - answer.Index);
        hashes.Span[..(real * MerkleTree.HashSize)].CopyTo(file.Layer.AsSpan(answer.Index * MerkleTree.HashSize));
        file.Received[run] = true;
        Accepted++;
        if (file.Received.All(r => r))
        {
            file.Complete = torrent.TryAddPieceLayer(file.File, file.Layer);
            if (!file.Complete)
            {
                // Each run proved out against the root, so the whole layer must too; start over if not.
                Array.Clear(file.Received);
                Array.Clear(file.RequestedAt);
                return;
            }
            owner.ResumeDirty = true;
            foreach (var other in owner.Peers)
            {
                owner.Transfer.UpdateInterest(other);
            }
        }
    }

    public void OnHashReject(PeerConnection peer, PeerMessage message)
    {
        if (HashRequest.TryRead(message, out var rejected, out _) && files.TryGetValue(new BString(rejected.PiecesRoot), out var file)
            && rejected.Index / PiecesPerRequest < file.RequestedAt.Length)
        {
            // Ask someone else at the next tick.
            file.RequestedAt[rejected.Index / PiecesPerRequest] = 0;
            peer.HashRejects++;
        }
    }

    /// <summary>Answers a peer's request from what we know; rejects what we cannot answer.</summary>
    public void OnHashRequest(PeerConnection peer, PeerMessage message)
    {
        if (!HashRequest.TryRead(message, out var request, out _))
        {
            return;
        }
        // The root points into the reader's buffer, which the next message overwrites; the answer is built later.
        request = request with { PiecesRoot = request.PiecesRoot.ToArray() };
        var torrent = owner.Loaded;
        var file = torrent?.Files.FirstOrDefault(f => f.PiecesRoot.Span.SequenceEqual(request.PiecesRoot.Span));
        if (torrent is null || file is null || !torrent.HasPieceLayer(file) || owner.Storage is not { } storage || owner.Picker is not { } picker)
        {
            peer.Send(request.ToReject());
            return;
        }
        var pieceHeight = BitOperations.Log2((uint)(torrent.PieceLength / MerkleTree.BlockSize));
        var treeHeight = MerkleProofs.TreeHeight(file.Length);
        if (!MerkleProofs.IsValid(request, treeHeight))
        {
            peer.Send(request.ToReject());
            return;
        }
        var firstPiece = (int)(file.Offset / torrent.PieceLength);
        var have = picker.Have;
        // Hashing blocks reads from disk: off the lock, answered from the thread pool.
        _ = Task.Run(() =>
        {
            var answer = Answer(torrent, storage, file, firstPiece, pieceHeight, treeHeight, request, piece => have[piece]);
            peer.Send(answer is null ? request.ToReject() : request.ToHashes(answer));
            if (answer is not null)
            {
                lock (owner.Gate)
                {
                    Served++;
                }
            }
        });
    }

    private static byte[]? Answer(Torrent torrent, Storage.TorrentStorage storage, TorrentFile file, int firstPiece, int pieceHeight, int treeHeight,
        HashRequest request, Func<int, bool> have)
    {
        if (treeHeight <= pieceHeight)
        {
            // A file of one piece: its tree is below the piece layer, the root is all there is above.
            return request.BaseLayer == 0 ? AnswerFromBlocks(storage, file, firstPiece, 0, treeHeight, request, have, null) : null;
        }
        var layers = MerkleProofs.LayersAbovePieces(torrent.GetPieceLayer(file).Span, pieceHeight, treeHeight);
        if (request.BaseLayer >= pieceHeight)
        {
            return MerkleProofs.Answer(request, treeHeight, (height, index) => Node(layers, pieceHeight, height, index));
        }
        // Block-layer hashes: only inside one piece, which must be ours.
        var blocksPerPiece = 1L << pieceHeight;
        var piece = request.Index / blocksPerPiece;
        if ((request.Index + request.Length - 1) / blocksPerPiece != piece)
        {
            return null;
        }
        return AnswerFromBlocks(storage, file, firstPiece, (int)piece, pieceHeight, request, have, layers);
    }

    /// <summary>Hashes the blocks of one piece from disk and answers below the piece layer (above it from <paramref name="layers"/>).</summary>
    private static byte[]? AnswerFromBlocks(Storage.TorrentStorage storage, TorrentFile file, int firstPiece, int piece, int pieceHeight, HashRequest request,
        Func<int, bool> have, List<byte[]>? layers)
    {
        var pieceLength = storage.Torrent.PieceLength;
        if (piece >= (file.Length + pieceLength - 1) / pieceLength || !have(firstPiece + piece))
        {
            return null;
        }
        var start = (long)piece * pieceLength;
        var size = (int)Math.Min(pieceLength, file.Length - start);
        var data = new byte[size];
        if (!storage.TryRead(file.Offset + start, data))
        {
            return null;
        }
        var width = 1 << pieceHeight;
        var leaves = new byte[width * MerkleTree.HashSize];
        MerkleTree.HashBlocks(data, leaves);
        var mini = new List<byte[]> { leaves };
        for (var w = width / 2; w >= 1; w /= 2)
        {
            var parent = new byte[w * MerkleTree.HashSize];
            for (var i = 0; i < w; i++)
            {
                System.Security.Cryptography.SHA256.HashData(mini[^1].AsSpan(2 * i * MerkleTree.HashSize, 2 * MerkleTree.HashSize),
                    parent.AsSpan(i * MerkleTree.HashSize));
            }
            mini.Add(parent);
        }
        var treeHeight = layers is null ? pieceHeight : pieceHeight + layers.Count - 1;
        return MerkleProofs.Answer(request, treeHeight, (height, index) =>
        {
            if (height >= pieceHeight && layers is not null)
            {
                return Node(layers, pieceHeight, height, index);
            }
            var offset = index - ((long)piece << (pieceHeight - height));
            return offset >= 0 && offset < mini[height].Length / MerkleTree.HashSize
                ? mini[height].AsSpan((int)offset * MerkleTree.HashSize, MerkleTree.HashSize).ToArray()
                : null;
        });
    }

    private static byte[]? Node(List<byte[]> layers, int pieceHeight, int height, long index)
    {
        var layer = layers[height - pieceHeight];
        return index < layer.Length / MerkleTree.HashSize ? layer.AsSpan((int)index * MerkleTree.HashSize, MerkleTree.HashSize).ToArray() : null;
    }

    private void Prepare(Torrent torrent)
    {
        if (ReferenceEquals(prepared, torrent))
        {
            return;
        }
        prepared = torrent;
        files.Clear();
        var pieceHeight = BitOperations.Log2((uint)(torrent.PieceLength / MerkleTree.BlockSize));
        foreach (var file in torrent.Files.Where(f => !f.IsPad && !torrent.HasPieceLayer(f)))
        {
            files.TryAdd(new BString(file.PiecesRoot), new FileHashes(file, torrent.PieceLength, pieceHeight));
        }
    }

    /// <summary>A peer with a piece of the run, least rejected first.</summary>
    private PeerConnection? PickPeer(Torrent torrent, FileHashes file, int run)
    {
        var firstPiece = (int)(file.File.Offset / torrent.PieceLength) + run * PiecesPerRequest;
        var lastPiece = Math.Min(firstPiece + PiecesPerRequest, (int)(file.File.Offset / torrent.PieceLength) + file.Pieces) - 1;
        return owner.Peers
            .Where(p => p.Has is { } has
                && Enumerable.Range(firstPiece, lastPiece - firstPiece + 1).Any(i => has[i]))
            .OrderBy(p => p.HashRejects)
            .ThenBy(_ => Random.Shared.Next())
            .FirstOrDefault();
    }

    /// <summary>One file's piece layer as it is being assembled.</summary>
    private sealed class FileHashes
    {
        public FileHashes(TorrentFile file, int pieceLength, int pieceHeight)
        {
            File = file;
            Pieces = (int)((file.Length - 1) / pieceLength + 1);
            PieceHeight = pieceHeight;
            TreeHeight = MerkleProofs.TreeHeight(file.Length);
            Layer = new byte[Pieces * MerkleTree.HashSize];
            var runs = (Pieces + PiecesPerRequest - 1) / PiecesPerRequest;
            Received = new bool[runs];
            RequestedAt = new long[runs];
        }

        public TorrentFile File { get; }

        public int Pieces { get; }

        public int PieceHeight { get; }

        public int TreeHeight { get; }

        public byte[] Layer { get; }

        public bool[] Received { get; }

        public long[] RequestedAt { get; }

        public bool Complete { get; set; }

        /// <summary>Run <paramref name="run"/>: up to 512 piece hashes (a power of two, pads included) with proofs up to the root.</summary>
        public HashRequest RequestFor(int run)
        {
            var index = run * PiecesPerRequest;
            var length = (int)Math.Min(PiecesPerRequest, MerkleTree.PaddedWidth(Pieces - index));
            var proofLayers = TreeHeight - PieceHeight - 1;
            return new HashRequest(File.PiecesRoot, PieceHeight, index, length, proofLayers);
        }
    }
}
