using Swarmgrid.BitTorrent.Creation;

namespace Swarmgrid.BitTorrent.Tests.Creation;

public sealed class PieceLengthChooserTests
{
    [Theory]
    [InlineData(1L, 16 * 1024)]
    [InlineData(2000L * 16 * 1024, 16 * 1024)]
    [InlineData(2000L * 16 * 1024 + 1, 32 * 1024)]
    [InlineData(700L * 1024 * 1024, 512 * 1024)]
    [InlineData(4L * 1024 * 1024 * 1024, 4 * 1024 * 1024)]
    [InlineData(1L << 50, 16 * 1024 * 1024)]
    public void Choose_KeepsPiecesAtMost2000WithinTheClamp(long totalSize, int expected) =>
        Assert.Equal(expected, PieceLengthChooser.Choose(totalSize));

    [Fact]
    public void Choose_GivesBetween1000And2000PiecesWhenNotClamped()
    {
        for (var size = 64L * 1024 * 1024; size < 30L * 1024 * 1024 * 1024; size = size * 3 / 2)
        {
            var pieces = (size + PieceLengthChooser.Choose(size) - 1) / PieceLengthChooser.Choose(size);
            Assert.InRange(pieces, 1000, 2000);
        }
    }
}
