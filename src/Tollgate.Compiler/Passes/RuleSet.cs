using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>All rules defining one path: a complete document, a partial set or object, or a function.</summary>
public sealed class RuleSet
{
    private readonly List<Rule> _rules = [];
    private readonly List<Rule> _defaults = [];

    internal RuleSet(IReadOnlyList<string> path, RuleKind kind, int arity)
    {
        Path = path;
        Kind = kind;
        Arity = arity;
    }

    /// <summary>The static prefix of the rules' ref heads, package included, "data" excluded.</summary>
    public IReadOnlyList<string> Path { get; }

    public RuleKind Kind { get; }

    /// <summary>Non-default rules in source order; else chains hang off each.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    public Rule? Default => _defaults.Count > 0 ? _defaults[0] : null;

    /// <summary>Number of arguments for functions; 0 otherwise.</summary>
    public int Arity { get; }

    /// <summary>"data.a.b.p", as OPA names rules in messages.</summary>
    public string DataPath => "data." + string.Join('.', Path);

    internal IReadOnlyList<Rule> Defaults => _defaults;

    internal void Add(Rule rule)
    {
        if (rule.IsDefault) _defaults.Add(rule);
        else _rules.Add(rule);
    }
}
