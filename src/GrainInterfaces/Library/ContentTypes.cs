namespace Swarmgrid.GrainInterfaces.Library;

/// <summary>The library's content types, as the library face names them.</summary>
public static class ContentTypes
{
    public const string Movie = "movie";
    public const string Tv = "tv";
    public const string Music = "music";
    public const string Ebook = "ebook";
    public const string Software = "software";
    public const string Game = "game";
    public const string Dataset = "dataset";
    public const string Model = "model";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Movie, Tv, Music, Ebook, Software, Game, Dataset, Model, Other];
}
