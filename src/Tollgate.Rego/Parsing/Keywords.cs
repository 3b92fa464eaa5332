namespace Tollgate.Rego.Parsing;

/// <summary>Rego's reserved words.</summary>
internal static class Keywords
{
    /// <summary>Keywords of Rego v1 (all future keywords included).</summary>
    public static bool IsV1Keyword(string word) => word switch
    {
        "as" or "default" or "else" or "import" or "not" or "package" or "some" or "with"
            or "true" or "false" or "null" or "in" or "every" or "if" or "contains" => true,
        _ => false,
    };
}
