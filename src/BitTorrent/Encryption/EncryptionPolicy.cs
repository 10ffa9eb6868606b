namespace Swarmgrid.BitTorrent.Encryption;

/// <summary>Message stream encryption (MSE/PE) for peer connections, as libtorrent's <c>enc_policy</c>.</summary>
public enum EncryptionPolicy
{
    /// <summary>Plaintext only: no encrypted handshakes are made, incoming ones are dropped.</summary>
    Off,

    /// <summary>
    /// Both are accepted; outgoing connections try the encrypted handshake first, offering RC4 and plaintext and
    /// choosing RC4, and fall back to a plaintext connection when the peer does not answer it.
    /// </summary>
    Prefer,

    /// <summary>RC4-encrypted connections only, both ways; plaintext handshakes are dropped.</summary>
    Require,
}
