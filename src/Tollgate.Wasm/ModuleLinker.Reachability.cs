namespace Tollgate.Wasm;

// Dead-code removal: which functions are reachable from the roots.
public sealed partial class ModuleLinker
{
    /// <summary>
    /// Marks every function reachable from the kept exports, the start function, element segments (function
    /// pointers), ref.func in global initializers and the essential imports, following calls and ref.func in
    /// runtime bodies and call fixups in generated ones.
    /// </summary>
    private bool[] FindLiveFunctions(LinkGraph graph, List<Export> keptRuntimeExports)
    {
        var marks = new Marks(graph.Count);
        var references = new List<uint>();

        foreach (var export in keptRuntimeExports)
        {
            if (export.Kind == ExternalKind.Function)
            {
                marks.Mark(graph.OriginalNode(export.Index));
            }
        }
        foreach (var user in _exports)
        {
            marks.Mark(NodeOf(graph, user.Value));
        }
        if (_module.Start is uint start)
        {
            marks.Mark(graph.OriginalNode(start));
        }
        foreach (var segment in _module.Elements)
        {
            foreach (uint index in segment.FunctionIndices)
            {
                marks.Mark(graph.OriginalNode(index));
            }
            foreach (var expression in segment.Expressions)
            {
                MarkExpression(graph, marks, expression, references);
            }
        }
        foreach (var global in _module.Globals)
        {
            MarkExpression(graph, marks, global.Init, references);
        }
        for (int i = 0; i < _runtimeImportedFunctions; i++)
        {
            foreach (var (module, name) in EssentialImports)
            {
                if (_imports[i].Name == name && ImportModule(i) == module)
                {
                    marks.Mark(i);
                }
            }
        }

        while (marks.Work.Count > 0)
        {
            int node = marks.Work.Pop();
            if (graph.IsRuntime(node, out int d))
            {
                if (_replacedBodies.TryGetValue(d, out var replacement))
                {
                    MarkFixups(graph, marks, replacement);
                    continue;
                }
                var body = _module.Codes[d];
                references.Clear();
                int bodyStart = FunctionBodies.SkipLocals(body.Code, body.SourceOffset);
                FunctionBodies.CollectFunctionReferences(body.Code, bodyStart, body.SourceOffset, references);
                foreach (uint target in references)
                {
                    marks.Mark(graph.OriginalNode(target));
                }
            }
            else if (graph.IsGenerated(node, out int g))
            {
                var body = _generatedBodies[g] ?? throw new InvalidOperationException($"{_generated[g]} is used but was never defined");
                MarkFixups(graph, marks, body);
            }
        }
        return marks.Live;
    }

    private static void MarkFixups(LinkGraph graph, Marks marks, CodeBuilder body)
    {
        foreach (var fixup in body.Fixups)
        {
            marks.Mark(NodeOf(graph, fixup.Target));
        }
    }

    private static void MarkExpression(LinkGraph graph, Marks marks, byte[] expression, List<uint> references)
    {
        references.Clear();
        FunctionBodies.CollectFunctionReferences(expression, 0, -1, references);
        foreach (uint target in references)
        {
            marks.Mark(graph.OriginalNode(target));
        }
    }

    /// <summary>Live flags plus the work list of newly marked nodes whose bodies are still to scan.</summary>
    private sealed class Marks(int count)
    {
        public bool[] Live { get; } = new bool[count];

        public Stack<int> Work { get; } = new();

        public void Mark(int node)
        {
            if (!Live[node])
            {
                Live[node] = true;
                Work.Push(node);
            }
        }
    }
}
