using System.Security.Cryptography;
using Swarmgrid.GrainInterfaces.Transmission;

namespace Swarmgrid.Grains.Transmission;

public sealed class TransmissionSessionGrain : Grain, ITransmissionSessionGrain
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly string sessionId = RandomNumberGenerator.GetString(Alphabet, 48);

    public ValueTask<string> GetSessionIdAsync() => ValueTask.FromResult(sessionId);
}
