namespace Tollgate.Wasm;

/// <summary>The type section during linking: existing indices never move; new signatures are appended once.</summary>
internal sealed class TypeTable
{
    private readonly List<FuncType> _types;
    private readonly Dictionary<FuncType, int> _index = [];

    public TypeTable(List<FuncType> existing)
    {
        _types = new List<FuncType>(existing);
        for (int i = 0; i < _types.Count; i++)
        {
            _index.TryAdd(_types[i], i);
        }
    }

    public int IndexOf(FuncType type)
    {
        if (!_index.TryGetValue(type, out int index))
        {
            index = _types.Count;
            _types.Add(type);
            _index[type] = index;
        }
        return index;
    }

    public void WriteBack(List<FuncType> target)
    {
        target.Clear();
        target.AddRange(_types);
    }
}
