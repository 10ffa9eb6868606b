using Swarmgrid.Grains.Client.Rss;
using Swarmgrid.Hosting.Network.Outbound;

namespace Swarmgrid.Silo.Rss;

/// <summary>Feed pollers fetch through the process's <see cref="OutboundFetcher"/>, with its refusals of inside addresses.</summary>
public sealed class OutboundFeedFetcher(OutboundFetcher outbound) : IFeedFetcher
{
    public async Task<FeedDownload> GetAsync(FeedRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await outbound.GetAsync(new OutboundRequest(request.Url, request.MaxBytes, request.Timeout, request.ETag, request.LastModified),
                cancellationToken);
            return new FeedDownload(response.NotModified, response.Body, response.ContentType, response.ETag, response.LastModified);
        }
        catch (OutboundRefusedException ex)
        {
            throw new FeedFetchException(ex.Message, refused: true, ex);
        }
        catch (OutboundFailedException ex)
        {
            throw new FeedFetchException(ex.Message, refused: false, ex);
        }
    }
}
