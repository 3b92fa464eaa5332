using System.CommandLine;
using Tollgate.Rego.Ast;

namespace Tollgate.Cli.Commands;

/// <summary>Options shared by several commands, spelled as OPA spells them.</summary>
internal static class CommonOptions
{
    public static Option<bool> V0Compatible() => new("--v0-compatible")
    {
        Description = "Parse policies as Rego v0 (OPA 0.x syntax: no `if`/`contains` required).",
    };

    public static Option<string?> Capabilities() => new("--capabilities")
    {
        Description = "Capabilities JSON file restricting the builtins a policy may call.",
    };

    public static Option<bool> StrictBuiltinErrors() => new("--strict-builtin-errors")
    {
        Description = "Raise builtin errors instead of treating the expression as undefined.",
    };

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", allowed),
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    public static RegoVersion Version(ParseResult result, Option<bool> v0) =>
        result.GetValue(v0) ? RegoVersion.V0 : RegoVersion.V1;
}
