namespace Swarmgrid.BitTorrent.Bencoding;

public sealed class BList : BValue, IReadOnlyList<BValue>
{
    private readonly List<BValue> items;

    public BList()
    {
        items = [];
    }

    public BList(IEnumerable<BValue> values)
    {
        items = [.. values];
    }

    public int Count => items.Count;

    public BValue this[int index] => items[index];

    public void Add(BValue value) => items.Add(value);

    public override void WriteTo(BencodeWriter writer)
    {
        writer.WriteListStart();
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }
        writer.WriteEnd();
    }

    public IEnumerator<BValue> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
