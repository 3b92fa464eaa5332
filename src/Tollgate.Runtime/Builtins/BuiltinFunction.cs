using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins;

/// <summary>
/// A builtin implemented in the host. Arguments arrive as JSON (the module dumps each argument with
/// opa_json_dump, so sets arrive as arrays); the result goes back through opa_json_parse.
/// Return null for "undefined"; throw <see cref="BuiltinException"/> for OPA's builtin errors.
/// </summary>
public delegate JsonNode? BuiltinFunction(ReadOnlySpan<JsonNode?> args, BuiltinContext context);
