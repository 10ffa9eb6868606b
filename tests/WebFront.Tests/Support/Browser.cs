using System.Net.Http.Json;

namespace Swarmgrid.WebFront.Tests;

/// <summary>A cookie-keeping client used as a browser: its cookies, and requests with extra headers.</summary>
public static class Browser
{
    public static Dictionary<string, string> Cookies(HttpClient client)
    {
        var handler = (HttpClientHandler)typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client)!;
        return handler.CookieContainer.GetAllCookies().ToDictionary(c => c.Name, c => c.Value);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return client.SendAsync(request);
    }
}
