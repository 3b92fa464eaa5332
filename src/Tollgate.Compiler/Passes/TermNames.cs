using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>How OPA names the kind of a term in messages ("cannot assign to number").</summary>
internal static class TermNames
{
    public static string KindName(Term term) => term switch
    {
        NullTerm => "null",
        BooleanTerm => "boolean",
        NumberTerm => "number",
        StringTerm or TemplateStringTerm => "string",
        VarTerm => "var",
        RefTerm => "ref",
        ArrayTerm => "array",
        SetTerm => "set",
        ObjectTerm => "object",
        ArrayComprehension => "arraycomprehension",
        SetComprehension => "setcomprehension",
        ObjectComprehension => "objectcomprehension",
        CallTerm => "call",
        _ => "term",
    };
}
