namespace Swarmgrid.GrainInterfaces.Transmission;

/// <summary>
/// The Transmission RPC face's session (key 0): the <c>X-Transmission-Session-Id</c> every web front of the cluster
/// demands, so that a client which learnt it from one front is not sent back through the 409 handshake by another.
/// The id is made when the grain activates and is not kept: a new activation means a new session, as a restarted
/// transmission-daemon has one, and clients simply take the new id from the next 409.
/// </summary>
public interface ITransmissionSessionGrain : IGrainWithIntegerKey
{
    /// <summary>The current session id (48 random alphanumeric characters, as Transmission makes them).</summary>
    ValueTask<string> GetSessionIdAsync();
}
