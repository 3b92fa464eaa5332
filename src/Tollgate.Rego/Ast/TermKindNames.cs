namespace Tollgate.Rego.Ast;

/// <summary>OPA's short names for kinds of term, as used in its error messages ("cannot assign to number").</summary>
public static class TermKindNames
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
