using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// Looks the indexed input value up once and runs only the rules whose constant matches it; the
    /// other rules are planned as usual by the caller (returned through <paramref name="others"/>).
    /// </summary>
    private void PlanIndexed(RuleSet rs, RuleIndex index, int result, List<Rule> others)
    {
        others.AddRange(index.Others);
        var outer = new IrBlock();
        _scope.Into(outer, () =>
        {
            var current = _scope.Input;
            foreach (var key in index.InputPath)
            {
                var next = _scope.NewLocal();
                Emit(new DotStmt(current, Scalar(IrScalar.String(key)), next));
                current = next;
            }
            var cases = new List<IrSwitchCase>(index.Cases.Count);
            foreach (var (constant, rules) in index.Cases)
            {
                var body = new IrBlock();
                _scope.Into(body, () =>
                {
                    foreach (var (rule, test) in rules) PlanRuleChain(rs, rule, result, test);
                });
                cases.Add(new IrSwitchCase(constant, body));
            }
            cases.Sort(static (a, b) => ScalarOrder.Compare(a.Constant, b.Constant));
            Emit(new SwitchStmt(current, cases));
        });
        Emit(new BlockStmt([outer]));
    }
}
