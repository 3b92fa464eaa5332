using System.Text;
using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>String bytes and C strings placed once each in the module's static data.</summary>
internal sealed class StaticStrings(ModuleLinker linker)
{
    private readonly Dictionary<string, (int Address, int Length)> _utf8 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cstrings = new(StringComparer.Ordinal);

    /// <summary>Address and byte length of the UTF-8 bytes of <paramref name="s"/> (not NUL-terminated).</summary>
    public (int Address, int Length) Utf8(string s)
    {
        if (_utf8.TryGetValue(s, out var found)) return found;
        var bytes = Encoding.UTF8.GetBytes(s);
        // Zero-length data still needs an address; store one padding byte.
        var address = linker.AddData(bytes.Length == 0 ? [0] : bytes, 1);
        found = (address, bytes.Length);
        _utf8[s] = found;
        return found;
    }

    public int CString(string s)
    {
        if (_cstrings.TryGetValue(s, out var address)) return address;
        address = linker.AddCString(s);
        _cstrings[s] = address;
        return address;
    }
}
