namespace Swarmgrid.Hosting.Tests;

public sealed class PageQueryTests
{
    [Theory]
    [InlineData(null, null, 100, 0)]
    [InlineData(1, 0, 1, 0)]
    [InlineData(1000, 5000, 1000, 5000)]
    public void AValidPage_FallsBackToTheRoutesDefaultLimit(int? limit, int? offset, int expectedLimit, int expectedSkip)
    {
        var page = new PageQuery(limit, offset);

        Assert.Null(page.Validate());
        Assert.Equal((expectedLimit, expectedSkip), (page.LimitOr(100), page.Skip));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1001, null)]
    [InlineData(-1, null)]
    [InlineData(null, -1)]
    public void ALimitOutside1To1000_OrANegativeOffset_IsRefused(int? limit, int? offset) =>
        Assert.Equal("limit (1-1000) and offset must be non-negative integers", new PageQuery(limit, offset).Validate());
}
