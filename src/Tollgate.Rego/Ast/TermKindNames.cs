using Tollgate.Rego.Ast;

namespace Tollgate.Rego.Parsing;

/// <summary>OPA's short names for kinds of value, as used in its error messages.</summary>
internal static class ValueNames
{
    public static string Of(Term term) => term switch
    {
        NullTerm => "null",
        BooleanTerm => "boolean",
        NumberTerm => "number",
        StringTerm => "string",
        VarTerm => "var",
        RefTerm => "ref",
        ArrayTerm => "array",
        SetTerm => "set",
        ObjectTerm => "object",
        ArrayComprehension => "arraycomprehension",
        SetComprehension => "setcomprehension",
        ObjectComprehension => "objectcomprehension",
        CallTerm => "call",
        TemplateStringTerm => "templatestring",
        _ => "term",
    };
}
