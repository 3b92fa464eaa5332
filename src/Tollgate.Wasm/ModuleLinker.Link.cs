namespace Tollgate.Wasm;

// Link: reachability, renumbering and assembly of the output module.
public sealed partial class ModuleLinker
{
    /// <summary>Always-kept function imports: hosts provide them and some SDKs expect them to be imported.</summary>
    private static readonly (string Module, string Name)[] EssentialImports = [("env", "opa_abort"), ("env", "opa_println")];

    /// <summary>Finishes the module. May be called once.</summary>
    public LinkResult Link(LinkOptions options)
    {
        EnsureNotLinked();
        _linked = true;

        int heapBase = AlignUp(_dataStart + _staticData.Length, 16);
        GenerateHeapBaseBody(heapBase);

        var graph = new LinkGraph(_imports.Count, _runtimeImportedFunctions, _runtimeFunctions.Length, _generated.Count);
        var keptRuntimeExports = SelectRuntimeExports(options);
        bool[] live = options.RemoveUnusedFunctions ? FindLiveFunctions(graph, keptRuntimeExports) : AllFunctions(graph);
        uint[] newOfNode = graph.Number(live);
        uint[] runtimeMap = graph.RuntimeIndexMap(newOfNode);

        var types = new TypeTable(_module.Types);
        var scratch = new WasmBinaryWriter(4096);
        int removed = 0;

        RebuildImports(graph, live, types);
        var functions = new List<uint>();
        var codes = new List<FunctionBody>();
        for (int d = 0; d < _runtimeFunctions.Length; d++)
        {
            if (!live[graph.RuntimeNode(d)])
            {
                removed++;
                continue;
            }
            functions.Add(_module.Functions[d]);
            if (_replacedBodies.TryGetValue(d, out var replacement))
            {
                codes.Add(new FunctionBody(EncodeBody(replacement, graph, newOfNode, scratch)));
            }
            else
            {
                var body = _module.Codes[d];
                int start = FunctionBodies.SkipLocals(body.Code, body.SourceOffset);
                codes.Add(new FunctionBody(FunctionBodies.RenumberFunctions(body.Code, start, body.SourceOffset, runtimeMap, scratch)));
            }
        }
        for (int g = 0; g < _generated.Count; g++)
        {
            if (!live[graph.GeneratedNode(g)])
            {
                removed++;
                continue;
            }
            var body = _generatedBodies[g] ?? throw new InvalidOperationException($"{_generated[g]} is used but was never defined");
            functions.Add((uint)types.IndexOf(_generated[g].Type));
            codes.Add(new FunctionBody(EncodeBody(body, graph, newOfNode, scratch)));
        }
        _module.Functions.Clear();
        _module.Functions.AddRange(functions);
        _module.Codes.Clear();
        _module.Codes.AddRange(codes);

        RebuildExports(keptRuntimeExports, graph, newOfNode, runtimeMap);
        RenumberTablesAndGlobals(runtimeMap, scratch);
        AppendStaticData(heapBase);
        RewriteCustomSections(options, graph, live, newOfNode);
        types.WriteBack(_module.Types);

        return new LinkResult(WasmWriter.Write(_module), _module.Codes.Count, removed, heapBase);
    }

    private void GenerateHeapBaseBody(int heapBase)
    {
        var stub = FindExport(HeapBaseStub);
        if (stub is null || stub.Origin != FunctionOrigin.Runtime)
        {
            return;
        }
        var expected = new FuncType([], [ValType.I32]);
        if (!stub.Type.Equals(expected))
        {
            throw new InvalidOperationException($"runtime stub {HeapBaseStub} has type {stub.Type}, expected {expected}");
        }
        _replacedBodies[stub.Index] = new CodeBuilder(expected).I32Const(heapBase);
    }

    private List<Export> SelectRuntimeExports(LinkOptions options)
    {
        var kept = new List<Export>();
        foreach (var export in _module.Exports)
        {
            bool overridden = false;
            foreach (var user in _exports)
            {
                overridden |= user.Key == export.Name;
            }
            bool wanted = options.KeepExports is null ? AbiExports.IsKeptByDefault(export.Name) : options.KeepExports.Contains(export.Name);
            if (wanted && !overridden)
            {
                kept.Add(export);
            }
        }
        return kept;
    }

    private static bool[] AllFunctions(LinkGraph graph)
    {
        var live = new bool[graph.Count];
        Array.Fill(live, true);
        return live;
    }

    private static int NodeOf(LinkGraph graph, FunctionRef f) => f.Origin switch
    {
        FunctionOrigin.Import => f.Index,
        FunctionOrigin.Runtime => graph.RuntimeNode(f.Index),
        _ => graph.GeneratedNode(f.Index),
    };

    private void RebuildImports(LinkGraph graph, bool[] live, TypeTable types)
    {
        var imports = new List<Import>();
        int functionImport = 0;
        foreach (var import in _module.Imports)
        {
            if (import.Kind != ExternalKind.Function || live[functionImport++])
            {
                imports.Add(import);
            }
        }
        for (int k = _runtimeImportedFunctions; k < graph.ImportCount; k++)
        {
            if (live[k])
            {
                var f = _imports[k];
                imports.Add(new Import(_newImportModules[k - _runtimeImportedFunctions], f.Name, ExternalKind.Function)
                {
                    FunctionType = (uint)types.IndexOf(f.Type),
                });
            }
        }
        _module.Imports.Clear();
        _module.Imports.AddRange(imports);
    }

    private byte[] EncodeBody(CodeBuilder body, LinkGraph graph, uint[] newOfNode, WasmBinaryWriter w)
    {
        if (body.CurrentDepth != 0)
        {
            throw new InvalidOperationException($"a function body has {body.CurrentDepth} unclosed blocks");
        }
        w.Clear();
        var locals = body.Locals;
        int groups = 0;
        for (int i = 0; i < locals.Count; i++)
        {
            if (i == 0 || locals[i] != locals[i - 1])
            {
                groups++;
            }
        }
        w.WriteU32((uint)groups);
        for (int i = 0; i < locals.Count;)
        {
            int run = 1;
            while (i + run < locals.Count && locals[i + run] == locals[i])
            {
                run++;
            }
            w.WriteU32((uint)run);
            w.WriteByte((byte)locals[i]);
            i += run;
        }
        var code = body.Code;
        int copied = 0;
        foreach (var fixup in body.Fixups)
        {
            w.WriteBytes(code[copied..fixup.Position]);
            w.WriteU32(newOfNode[NodeOf(graph, fixup.Target)]);
            copied = fixup.Position + 5;
        }
        w.WriteBytes(code[copied..]);
        w.WriteByte(0x0B);
        return w.ToArray();
    }

    private void RebuildExports(List<Export> keptRuntimeExports, LinkGraph graph, uint[] newOfNode, uint[] runtimeMap)
    {
        _module.Exports.Clear();
        foreach (var export in keptRuntimeExports)
        {
            if (export.Kind == ExternalKind.Function)
            {
                export.Index = runtimeMap[export.Index];
            }
            _module.Exports.Add(export);
        }
        foreach (var (name, f) in _exports)
        {
            _module.Exports.Add(new Export(name, ExternalKind.Function, newOfNode[NodeOf(graph, f)]));
        }
    }

    private void RenumberTablesAndGlobals(uint[] runtimeMap, WasmBinaryWriter scratch)
    {
        if (_module.Start is uint start)
        {
            _module.Start = runtimeMap[start];
        }
        foreach (var segment in _module.Elements)
        {
            var indices = segment.FunctionIndices;
            for (int i = 0; i < indices.Length; i++)
            {
                indices[i] = runtimeMap[indices[i]];
            }
            var expressions = segment.Expressions;
            for (int i = 0; i < expressions.Length; i++)
            {
                expressions[i] = FunctionBodies.RenumberFunctions(expressions[i], 0, -1, runtimeMap, scratch);
            }
        }
        foreach (var global in _module.Globals)
        {
            global.Init = FunctionBodies.RenumberFunctions(global.Init, 0, -1, runtimeMap, scratch);
        }
    }

    private void AppendStaticData(int heapBase)
    {
        if (_staticData.Length > 0)
        {
            _module.Data.Add(new DataSegment
            {
                Flags = 0,
                Offset = FunctionBodies.I32ConstExpression(_dataStart),
                Bytes = _staticData.ToArray(),
            });
            if (_module.DataCount.HasValue)
            {
                _module.DataCount = (uint)_module.Data.Count;
            }
        }
        ulong pages = ((ulong)heapBase + 65535) / 65536;
        for (int i = 0; i < _module.Imports.Count; i++)
        {
            var import = _module.Imports[i];
            if (import.Kind == ExternalKind.Memory)
            {
                import.Memory = RaiseMinimum(import.Memory, pages);
                return;
            }
        }
        if (_module.Memories.Count > 0)
        {
            _module.Memories[0] = RaiseMinimum(_module.Memories[0], pages);
        }
    }

    private static Limits RaiseMinimum(Limits limits, ulong pages)
    {
        if (limits.Min >= pages)
        {
            return limits;
        }
        if (limits.HasMax && limits.Max < pages)
        {
            throw new InvalidOperationException($"static data needs {pages} pages of memory but the maximum is {limits.Max}");
        }
        limits.Min = pages;
        return limits;
    }

    private void RewriteCustomSections(LinkOptions options, LinkGraph graph, bool[] live, uint[] newOfNode)
    {
        var kept = new List<CustomSection>();
        foreach (var custom in _module.CustomSections)
        {
            // DWARF, relocations and source maps describe code offsets that no longer hold after rewriting.
            if (custom.Name == "name" || custom.Name.StartsWith(".debug", StringComparison.Ordinal)
                || custom.Name.StartsWith("reloc.", StringComparison.Ordinal) || custom.Name == "linking"
                || custom.Name == "sourceMappingURL" || custom.Name == "external_debug_info")
            {
                continue;
            }
            kept.Add(custom);
        }
        if (options.KeepNames)
        {
            kept.Add(new CustomSection("name", BuildNameSection(graph, live, newOfNode), SectionId.Data));
        }
        _module.CustomSections.Clear();
        _module.CustomSections.AddRange(kept);
    }

    private byte[] BuildNameSection(LinkGraph graph, bool[] live, uint[] newOfNode)
    {
        var functionNames = new List<(uint, string)>();
        var localNames = new List<(uint, byte[])>();
        for (int node = 0; node < graph.Count; node++)
        {
            if (!live[node])
            {
                continue;
            }
            uint index = newOfNode[node];
            if (node < graph.ImportCount)
            {
                string name = _imports[node].Name;
                if (node < _runtimeImportedFunctions && _names is not null && _names.FunctionNames.TryGetValue((uint)node, out var n))
                {
                    name = n;
                }
                functionNames.Add((index, name));
            }
            else if (graph.IsRuntime(node, out int d))
            {
                uint original = (uint)(_runtimeImportedFunctions + d);
                functionNames.Add((index, RuntimeFunctionName(original)));
                // A replaced body has different locals, so its old local names would mislead.
                if (!_replacedBodies.ContainsKey(d) && _names is not null && _names.LocalNames.TryGetValue(original, out var map))
                {
                    localNames.Add((index, map));
                }
            }
            else if (graph.IsGenerated(node, out int g))
            {
                functionNames.Add((index, _generated[g].Name));
            }
        }
        var other = _names is null ? new List<(byte, byte[])>() : _names.Other;
        return NameSection.Encode(other, functionNames, localNames);
    }
}
