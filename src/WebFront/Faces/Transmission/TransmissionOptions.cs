namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// <c>Faces:Transmission</c>: the Transmission RPC face is off unless <c>Enabled=true</c>; <c>Path</c> is where it
/// answers (Transmission's own <c>/transmission/rpc</c> by default, which Sonarr and transmission-remote assume).
/// </summary>
public sealed record TransmissionOptions(bool Enabled, string Path)
{
    public const string DefaultPath = "/transmission/rpc";

    public static TransmissionOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Faces:Transmission");
        var path = (section["Path"] is { Length: > 0 } configured ? configured : DefaultPath).Trim('/');
        return new(section.GetValue("Enabled", false), "/" + path);
    }
}
