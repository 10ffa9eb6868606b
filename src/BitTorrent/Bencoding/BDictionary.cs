using System.Text;

namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>A dictionary with byte-string keys, written in raw byte order of its keys.</summary>
public sealed class BDictionary : BValue, IEnumerable<KeyValuePair<BString, BValue>>
{
    private readonly Dictionary<BString, BValue> entries = [];

    public int Count => entries.Count;

    public IEnumerable<BString> Keys => entries.Keys;

    public BValue? this[string key]
    {
        get => entries.GetValueOrDefault(new BString(key));
        set => Set(new BString(key), value);
    }

    public bool ContainsKey(string key) => entries.ContainsKey(new BString(key));

    public bool TryGetValue(string key, out BValue value) => entries.TryGetValue(new BString(key), out value!);

    /// <summary>The value under <paramref name="key"/> when it is a <typeparamref name="T"/>, otherwise null.</summary>
    public T? Get<T>(string key) where T : BValue => this[key] as T;

    public void Add(string key, BValue value) => entries.Add(new BString(key), value);

    /// <summary>Adds or replaces; a null value removes the key.</summary>
    public void Set(BString key, BValue? value)
    {
        if (value is null)
        {
            entries.Remove(key);
        }
        else
        {
            entries[key] = value;
        }
    }

    internal bool TryAdd(BString key, BValue value) => entries.TryAdd(key, value);

    public override void WriteTo(BencodeWriter writer)
    {
        writer.WriteDictionaryStart();
        foreach (var (key, value) in entries.OrderBy(e => e.Key))
        {
            writer.WriteString(key.Span);
            value.WriteTo(writer);
        }
        writer.WriteEnd();
    }

    public IEnumerator<KeyValuePair<BString, BValue>> GetEnumerator() => entries.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var (key, value) in entries)
        {
            text.Append(key.Text).Append(": ").Append(value is BString s && s.Bytes.Length > 64 ? $"<{s.Bytes.Length} bytes>" : value).Append(", ");
        }
        return text.Append('}').ToString();
    }
}
