using Tollgate.Rego.Ast;

namespace Tollgate.Compiler;

/// <summary>One Rego source file.</summary>
public sealed class SourceFile
{
    public required string Name { get; init; }
    public required string Text { get; init; }
}

/// <summary>What to compile: modules, entrypoints (rule or package paths), queries and options.</summary>
public sealed class CompileRequest
{
    public List<SourceFile> Modules { get; } = [];
    /// <summary>"tenant/authz/allow" (slash form, as opa build -e).</summary>
    public List<string> Entrypoints { get; } = [];
    /// <summary>(entrypoint name, query text), e.g. ("q", "data.test.p = x").</summary>
    public List<KeyValuePair<string, string>> Queries { get; } = [];
    /// <summary>Data compiled into the module (null = none).</summary>
    public byte[]? EmbeddedDataJson { get; set; }
    public RegoVersion Version { get; set; } = RegoVersion.V1;
    /// <summary>0 = no rule indexing; 1 and above index rule sets.</summary>
    public int OptimizationLevel { get; set; } = 1;
    public string? CapabilitiesPath { get; set; }
    /// <summary>Generated code raises builtin errors (opa_abort with the builtin's message).</summary>
    public bool StrictBuiltinErrors { get; set; }

    /// <summary>
    /// Allows builtins that need the network (http.send, net.lookup_ip_addr, providers.aws.sign_req). Off by
    /// default: modules are built for the edge, where such calls are refused at build time.
    /// </summary>
    public bool AllowNonEdgeBuiltins { get; set; }
}
