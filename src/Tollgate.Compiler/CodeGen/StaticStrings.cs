using System.Buffers.Binary;
using System.Text;
using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// String bytes, C strings and constant scalar values placed once each in the module's static data.
/// Constant values use the layout tollgate_codegen.h fixes for static values, so generated code refers to
/// them by address instead of building them on every evaluation.
/// </summary>
internal sealed class StaticStrings(ModuleLinker linker)
{
    private const byte TypeNull = 1;
    private const byte TypeBoolean = 2;
    private const byte TypeString = 4;

    private readonly Dictionary<string, (int Address, int Length)> _utf8 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cstrings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stringValues = new(StringComparer.Ordinal);
    private readonly int[] _booleanValues = [0, 0];
    private int _nullValue;

    /// <summary>
    /// Address of a static string value for <paramref name="s"/>: 12 bytes, 4-aligned — type byte (4) at 0,
    /// i32 byte length at 4, i32 address of the UTF-8 bytes at 8.
    /// </summary>
    public int StringValue(string s)
    {
        if (_stringValues.TryGetValue(s, out var address)) return address;
        var (bytes, length) = Utf8(s);
        var value = new byte[12];
        value[0] = TypeString;
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(4), length);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(8), bytes);
        address = linker.AddData(value, 4);
        _stringValues[s] = address;
        return address;
    }

    /// <summary>Address of a static boolean value: type byte (2) at 0, value byte (0/1) at 1.</summary>
    public int BooleanValue(bool b)
    {
        int i = b ? 1 : 0;
        if (_booleanValues[i] == 0) _booleanValues[i] = linker.AddData([TypeBoolean, (byte)i], 4);
        return _booleanValues[i];
    }

    /// <summary>Address of a static null value: type byte (1).</summary>
    public int NullValue()
    {
        if (_nullValue == 0) _nullValue = linker.AddData([TypeNull], 4);
        return _nullValue;
    }

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
