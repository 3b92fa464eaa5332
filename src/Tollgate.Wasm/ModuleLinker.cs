using System.Text;

namespace Tollgate.Wasm;

/// <summary>
/// Links generated functions and static data into the runtime library module: adds imports and functions,
/// replaces stub bodies, places data after the runtime's static memory, removes unreachable functions and
/// non-ABI exports, and renumbers every function reference.
/// </summary>
public sealed partial class ModuleLinker
{
    /// <summary>Runtime stub whose body the linker generates: returns the first free address after all data.</summary>
    public const string HeapBaseStub = "tg_gen_heap_base";

    private readonly WasmModule _module;
    private readonly NameSection? _names;
    private readonly int _runtimeImportedFunctions;
    private readonly List<FunctionRef> _imports = [];
    private readonly List<string> _newImportModules = []; // module names of imports added by Import(), in order
    private readonly FunctionRef?[] _runtimeFunctions;
    private readonly List<FunctionRef> _generated = [];
    private readonly List<CodeBuilder?> _generatedBodies = [];
    private readonly Dictionary<int, CodeBuilder> _replacedBodies = [];
    private readonly List<KeyValuePair<string, FunctionRef>> _exports = [];
    private readonly Dictionary<string, Export> _runtimeExports = new(StringComparer.Ordinal);
    private readonly WasmBinaryWriter _staticData = new(256);
    private readonly int _dataStart;
    private bool _linked;

    /// <summary>Parses the runtime library.</summary>
    /// <exception cref="WasmFormatException">The module is malformed.</exception>
    public ModuleLinker(ReadOnlySpan<byte> runtimeModule)
    {
        _module = WasmReader.Read(runtimeModule);
        foreach (var custom in _module.CustomSections)
        {
            if (custom.Name == "name")
            {
                _names = NameSection.Parse(custom.Content);
            }
        }
        foreach (var import in _module.Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                _imports.Add(new FunctionRef(this, import.Name, _module.Types[(int)import.FunctionType], FunctionOrigin.Import, _imports.Count));
            }
        }
        _runtimeImportedFunctions = _imports.Count;
        foreach (var export in _module.Exports)
        {
            // Export names are unique in a valid module; keep the first if a malformed one repeats a name.
            _runtimeExports.TryAdd(export.Name, export);
        }
        _runtimeFunctions = new FunctionRef?[_module.Functions.Count];
        // Generated data starts on a 16-byte boundary after everything the runtime placed in memory.
        _dataStart = AlignUp(StaticDataLayout.FindEnd(_module, _names), 16);
    }

    /// <summary>Address where generated static data starts.</summary>
    public int DataStart => _dataStart;

    /// <summary>A runtime function by export name; null if there is no such function export.</summary>
    public FunctionRef? FindExport(string exportName)
    {
        if (!_runtimeExports.TryGetValue(exportName, out var export) || export.Kind != ExternalKind.Function)
        {
            return null;
        }
        return RefForOriginalIndex(export.Index);
    }

    /// <summary>Index of a global the runtime exports under this name (for GlobalGet/GlobalSet); null if absent.
    /// Global indices never change during linking.</summary>
    public int? FindGlobal(string exportName) =>
        _runtimeExports.TryGetValue(exportName, out var export) && export.Kind == ExternalKind.Global ? (int)export.Index : null;

    /// <summary>The existing function import with this module/name, or a new one.</summary>
    /// <exception cref="ArgumentException">An import with that name exists with a different type.</exception>
    public FunctionRef Import(string module, string name, FuncType type)
    {
        EnsureNotLinked();
        for (int i = 0; i < _imports.Count; i++)
        {
            var existing = _imports[i];
            if (existing.Name == name && ImportModule(i) == module)
            {
                if (!existing.Type.Equals(type))
                {
                    throw new ArgumentException($"import {module}.{name} exists with type {existing.Type}, not {type}", nameof(type));
                }
                return existing;
            }
        }
        var created = new FunctionRef(this, name, type, FunctionOrigin.Import, _imports.Count);
        _imports.Add(created);
        _newImportModules.Add(module);
        return created;
    }

    /// <summary>A new function whose body is given later with <see cref="Define"/>.</summary>
    public FunctionRef Declare(string name, FuncType type)
    {
        EnsureNotLinked();
        var f = new FunctionRef(this, name, type, FunctionOrigin.Generated, _generated.Count);
        _generated.Add(f);
        _generatedBodies.Add(null);
        return f;
    }

    public void Define(FunctionRef f, CodeBuilder body)
    {
        EnsureNotLinked();
        EnsureOwned(f);
        if (f.Origin != FunctionOrigin.Generated)
        {
            throw new ArgumentException($"{f} was not declared with Declare; use ReplaceBody for runtime functions", nameof(f));
        }
        if (_generatedBodies[f.Index] is not null)
        {
            throw new InvalidOperationException($"{f} is already defined");
        }
        CheckBody(f.Type, body, f.Name);
        _generatedBodies[f.Index] = body;
    }

    /// <summary>Replaces the body of a runtime function (a stub) found by export name; the signatures must match.</summary>
    public void ReplaceBody(string exportName, CodeBuilder body)
    {
        EnsureNotLinked();
        if (exportName == HeapBaseStub)
        {
            throw new ArgumentException($"{HeapBaseStub} is generated by the linker from the static data size", nameof(exportName));
        }
        var f = FindExport(exportName) ?? throw new ArgumentException($"the runtime exports no function '{exportName}'", nameof(exportName));
        if (f.Origin != FunctionOrigin.Runtime)
        {
            throw new ArgumentException($"'{exportName}' is an import and has no body to replace", nameof(exportName));
        }
        CheckBody(f.Type, body, exportName);
        _replacedBodies[f.Index] = body;
    }

    /// <summary>Places bytes in static memory after the runtime's data and returns their absolute address.</summary>
    public int AddData(ReadOnlySpan<byte> bytes, int align = 8)
    {
        EnsureNotLinked();
        if (align <= 0 || (align & (align - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(align), "alignment must be a power of two");
        }
        int address = AlignUp(_dataStart + _staticData.Length, align);
        while (_dataStart + _staticData.Length < address)
        {
            _staticData.WriteByte(0);
        }
        _staticData.WriteBytes(bytes);
        return address;
    }

    /// <summary>Places a NUL-terminated UTF-8 string in static memory and returns its address.</summary>
    public int AddCString(string s)
    {
        int length = Encoding.UTF8.GetByteCount(s);
        var bytes = length < 512 ? stackalloc byte[length + 1] : new byte[length + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        bytes[length] = 0;
        return AddData(bytes, 1);
    }

    /// <summary>Exports a function under a name (replacing a runtime export of the same name). Always kept.</summary>
    public void Export(string name, FunctionRef f)
    {
        EnsureNotLinked();
        EnsureOwned(f);
        for (int i = 0; i < _exports.Count; i++)
        {
            if (_exports[i].Key == name)
            {
                _exports[i] = new(name, f);
                return;
            }
        }
        _exports.Add(new(name, f));
    }

    private string ImportModule(int importPosition)
    {
        if (importPosition >= _runtimeImportedFunctions)
        {
            return _newImportModules[importPosition - _runtimeImportedFunctions];
        }
        int seen = 0;
        foreach (var import in _module.Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                if (seen == importPosition)
                {
                    return import.Module;
                }
                seen++;
            }
        }
        throw new InvalidOperationException("import position out of range");
    }

    /// <summary>The FunctionRef for a function index in the runtime module's original index space.</summary>
    private FunctionRef RefForOriginalIndex(uint index)
    {
        if (index < _runtimeImportedFunctions)
        {
            return _imports[(int)index];
        }
        int defined = (int)index - _runtimeImportedFunctions;
        if (defined >= _runtimeFunctions.Length)
        {
            throw new WasmFormatException($"export refers to function {index}, which does not exist", -1);
        }
        return _runtimeFunctions[defined] ??= new FunctionRef(this, RuntimeFunctionName(index), _module.GetFunctionType(index), FunctionOrigin.Runtime, defined);
    }

    private string RuntimeFunctionName(uint index)
    {
        if (_names is not null && _names.FunctionNames.TryGetValue(index, out var name))
        {
            return name;
        }
        foreach (var export in _module.Exports)
        {
            if (export.Kind == ExternalKind.Function && export.Index == index)
            {
                return export.Name;
            }
        }
        return "f" + index;
    }

    private void EnsureNotLinked()
    {
        if (_linked)
        {
            throw new InvalidOperationException("Link has already been called on this linker");
        }
    }

    private void EnsureOwned(FunctionRef f)
    {
        if (!ReferenceEquals(f.Owner, this))
        {
            throw new ArgumentException($"{f} belongs to another linker", nameof(f));
        }
    }

    private void CheckBody(FuncType type, CodeBuilder body, string name)
    {
        if (!body.Signature.Equals(type))
        {
            throw new ArgumentException($"body for '{name}' has signature {body.Signature}, expected {type}", nameof(body));
        }
        if (body.CurrentDepth != 0)
        {
            throw new ArgumentException($"body for '{name}' has {body.CurrentDepth} unclosed blocks", nameof(body));
        }
        foreach (var fixup in body.Fixups)
        {
            EnsureOwned(fixup.Target);
        }
    }

    internal static int AlignUp(int value, int align) => (value + align - 1) & -align;
}
