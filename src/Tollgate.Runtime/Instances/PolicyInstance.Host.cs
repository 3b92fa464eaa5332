using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins;
using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>The instance's side of the <c>env</c> imports: abort, print and host builtin dispatch.</summary>
internal sealed partial class PolicyInstance
{
    // One argument array per arity, reused: builtins must not keep the span beyond the call.
    private readonly JsonNode?[][] _builtinArgs = [[], new JsonNode?[1], new JsonNode?[2], new JsonNode?[3], new JsonNode?[4]];
    private readonly ArrayBufferWriter<byte> _builtinResult = new(256);
    private Utf8JsonWriter? _builtinWriter;

    /// <summary>The error a host callback raised; reported instead of the trap that carried it out of wasm.</summary>
    private PolicyException? _pendingFault;

    void IHostCallbacks.Abort(int messageAddr)
    {
        string message = ReadMessage(messageAddr);
        _pendingFault = IsOutOfMemory(message)
            ? new PolicyMemoryLimitException($"policy ran out of memory: {message}")
            : new PolicyEvaluationException(message);
        throw _pendingFault;
    }

    void IHostCallbacks.Println(int messageAddr)
    {
        var sink = _callOptions?.Print ?? _context.PrintSink;
        if (sink is not null)
        {
            sink(ReadMessage(messageAddr));
        }
    }

    int IHostCallbacks.CallBuiltin(int id, int argc, int a0, int a1, int a2, int a3)
    {
        var functions = Module.BuiltinsById;
        var function = (uint)id < (uint)functions.Length ? functions[id] : null;
        if (function is null)
        {
            _pendingFault = new PolicyEvaluationException($"module called unknown host builtin id {id}");
            throw _pendingFault;
        }
        string name = Module.BuiltinNamesById[id]!;
        var args = _builtinArgs[argc];
        if (argc > 0) { args[0] = DumpValue(a0); }
        if (argc > 1) { args[1] = DumpValue(a1); }
        if (argc > 2) { args[2] = DumpValue(a2); }
        if (argc > 3) { args[3] = DumpValue(a3); }

        JsonNode? result;
        try
        {
            result = function(args, _context);
        }
        catch (BuiltinException ex)
        {
            return BuiltinFailed(name, ex.Code, ex.Message, ex);
        }
        catch (Exception ex) when (ex is not PolicyException and not WasmtimeException)
        {
            return BuiltinFailed(name, BuiltinException.BuiltinError, ex.Message, ex);
        }
        finally
        {
            Array.Clear(args);
        }
        return result is null ? 0 : LoadResult(result);
    }

    /// <summary>Non-strict: a builtin error makes the call undefined (0). Strict: the evaluation fails.</summary>
    private int BuiltinFailed(string name, string code, string message, Exception cause)
    {
        if (!_context.StrictBuiltinErrors)
        {
            return 0;
        }
        string text = message.StartsWith(name, StringComparison.Ordinal) ? message : $"{name}: {message}";
        _pendingFault = new PolicyBuiltinException(code, text, cause) { BuiltinName = name };
        throw _pendingFault;
    }

    private JsonNode? DumpValue(int valueAddr)
    {
        int json = _abi.JsonDump(valueAddr);
        return JsonNode.Parse(LinearMemory.CString(_memory, json));
    }

    private int LoadResult(JsonNode result)
    {
        _builtinResult.ResetWrittenCount();
        if (_builtinWriter is null)
        {
            _builtinWriter = new Utf8JsonWriter(_builtinResult);
        }
        else
        {
            _builtinWriter.Reset(_builtinResult);
        }
        result.WriteTo(_builtinWriter);
        _builtinWriter.Flush();
        int value = ParseJson(_builtinResult.WrittenSpan);
        if (value == 0)
        {
            _pendingFault = new PolicyEvaluationException("module rejected a host builtin result (opa_json_parse returned 0)");
            throw _pendingFault;
        }
        return value;
    }

    private string ReadMessage(int addr) =>
        addr == 0 ? string.Empty : Encoding.UTF8.GetString(LinearMemory.CString(_memory, addr));

    private static bool IsOutOfMemory(string message) =>
        message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("malloc", StringComparison.OrdinalIgnoreCase);
}
