namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client face (Mosaic): its login, logout and web-interface settings.</summary>
public static class ClientFace
{
    public static WebApplication MapClientFace(this WebApplication app, string prefix)
    {
        app.MapClientAuthApi(prefix);
        return app;
    }
}
