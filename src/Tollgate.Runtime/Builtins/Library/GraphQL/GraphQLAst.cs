using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace Tollgate.Runtime.Builtins.Library.GraphQL;

/// <summary>
/// GraphQL documents as the JSON of gqlparser's AST (what OPA returns): QueryDocument {Operations, Fragments}
/// and SchemaDocument {Definitions, Extensions, Directives, Schema, SchemaExtension}, with null and empty
/// members pruned as OPA prunes them.
/// </summary>
internal static class GraphQLAst
{
    /// <summary>
    /// The source text of the document being converted: GraphQL-Parser's string values do not record whether
    /// they were block strings, which gqlparser's Kind tells apart (3 vs 4). Set around each conversion.
    /// </summary>
    [ThreadStatic]
    private static ReadOnlyMemory<char> currentSource;

    /// <summary>Runs a conversion with <paramref name="document"/>'s text as the current source.</summary>
    public static JsonObject WithSource(GraphQLDocument document, Func<GraphQLDocument, JsonObject> convert)
    {
        var saved = currentSource;
        currentSource = document.Source;
        try
        {
            return convert(document);
        }
        finally
        {
            currentSource = saved;
        }
    }

    public static JsonObject Query(GraphQLDocument document) => WithSource(document, QueryBody);

    private static JsonObject QueryBody(GraphQLDocument document)
    {
        var operations = new JsonArray();
        var fragments = new JsonArray();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition op:
                    operations.Add(Prune(new JsonObject
                    {
                        ["Operation"] = op.Operation switch { OperationType.Mutation => "mutation", OperationType.Subscription => "subscription", _ => "query" },
                        ["Name"] = op.Name is null ? string.Empty : Text(op.Name),
                        ["VariableDefinitions"] = Variables(op.Variables),
                        ["Directives"] = Directives(op.Directives),
                        ["SelectionSet"] = Selections(op.SelectionSet),
                    }));
                    break;
                case GraphQLFragmentDefinition fragment:
                    fragments.Add(Prune(new JsonObject
                    {
                        ["Name"] = Text(fragment.FragmentName.Name),
                        ["TypeCondition"] = Text(fragment.TypeCondition.Type.Name),
                        ["Directives"] = Directives(fragment.Directives),
                        ["SelectionSet"] = Selections(fragment.SelectionSet),
                    }));
                    break;
            }
        }
        return Prune(new JsonObject { ["Operations"] = operations, ["Fragments"] = fragments });
    }

    public static string Text(GraphQLName name) => name.StringValue;

    private static JsonArray? Variables(GraphQLVariablesDefinition? variables)
    {
        if (variables is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var v in variables.Items)
        {
            list.Add(Prune(new JsonObject
            {
                ["Variable"] = Text(v.Variable.Name),
                ["Type"] = Type(v.Type),
                ["DefaultValue"] = v.DefaultValue is null ? null : Value(v.DefaultValue),
                ["Directives"] = Directives(v.Directives),
                ["Used"] = false,
            }));
        }
        return list;
    }

    private static JsonArray? Selections(GraphQLSelectionSet? set)
    {
        if (set is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    list.Add(Prune(new JsonObject
                    {
                        ["Alias"] = field.Alias is null ? Text(field.Name) : Text(field.Alias.Name),
                        ["Name"] = Text(field.Name),
                        ["Arguments"] = Arguments(field.Arguments),
                        ["Directives"] = Directives(field.Directives),
                        ["SelectionSet"] = Selections(field.SelectionSet),
                    }));
                    break;
                case GraphQLFragmentSpread spread:
                    list.Add(Prune(new JsonObject
                    {
                        ["Name"] = Text(spread.FragmentName.Name),
                        ["Directives"] = Directives(spread.Directives),
                    }));
                    break;
                case GraphQLInlineFragment inline:
                    list.Add(Prune(new JsonObject
                    {
                        ["TypeCondition"] = inline.TypeCondition is null ? string.Empty : Text(inline.TypeCondition.Type.Name),
                        ["Directives"] = Directives(inline.Directives),
                        ["SelectionSet"] = Selections(inline.SelectionSet),
                    }));
                    break;
            }
        }
        return list;
    }

    private static JsonArray? Arguments(GraphQLArguments? arguments)
    {
        if (arguments is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var argument in arguments.Items)
        {
            list.Add(new JsonObject { ["Name"] = Text(argument.Name), ["Value"] = Value(argument.Value) });
        }
        return list;
    }

    private static JsonArray? Directives(GraphQLDirectives? directives)
    {
        if (directives is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var directive in directives.Items)
        {
            // gqlparser's Directive carries a Location that stays "" until validation; OPA keeps the empty string.
            list.Add(Prune(new JsonObject { ["Name"] = Text(directive.Name), ["Arguments"] = Arguments(directive.Arguments), ["Location"] = string.Empty }));
        }
        return list;
    }

    /// <summary>gqlparser's Value: Kind is Variable 0, Int 1, Float 2, String 3, Block 4, Boolean 5, Null 6, Enum 7, List 8, Object 9.</summary>
    public static JsonObject Value(GraphQLValue value)
    {
        int kind;
        string raw;
        JsonArray? children = null;
        switch (value)
        {
            case GraphQLVariable v: kind = 0; raw = Text(v.Name); break;
            case GraphQLIntValue i: kind = 1; raw = new string(i.Value.Span); break;
            case GraphQLFloatValue f: kind = 2; raw = new string(f.Value.Span); break;
            case GraphQLStringValue s: kind = IsBlockString(s) ? 4 : 3; raw = new string(s.Value.Span); break;
            case GraphQLBooleanValue b: kind = 5; raw = b.BoolValue ? "true" : "false"; break;
            case GraphQLNullValue: kind = 6; raw = "null"; break;
            case GraphQLEnumValue e: kind = 7; raw = Text(e.Name); break;
            case GraphQLListValue l:
                kind = 8;
                raw = string.Empty;
                children = new JsonArray();
                if (l.Values is not null)
                {
                    foreach (var item in l.Values)
                    {
                        children.Add(new JsonObject { ["Name"] = string.Empty, ["Value"] = Value(item) });
                    }
                }
                break;
            case GraphQLObjectValue o:
                kind = 9;
                raw = string.Empty;
                children = new JsonArray();
                if (o.Fields is not null)
                {
                    foreach (var field in o.Fields)
                    {
                        children.Add(new JsonObject { ["Name"] = Text(field.Name), ["Value"] = Value(field.Value) });
                    }
                }
                break;
            default: kind = 3; raw = string.Empty; break;
        }
        return Prune(new JsonObject { ["Raw"] = raw, ["Children"] = children, ["Kind"] = kind, ["ExpectedTypeHasDefault"] = false });
    }

    private static bool IsBlockString(GraphQLStringValue value)
    {
        var source = currentSource.Span;
        var start = value.Location.Start;
        // GraphQL-Parser 9 starts a block string's location at its third opening quote, a plain string's at its quote.
        return (start >= 0 && start + 3 <= source.Length && source.Slice(start, 3).SequenceEqual("\"\"\""))
            || (start >= 2 && start + 1 <= source.Length && source.Slice(start - 2, 3).SequenceEqual("\"\"\""));
    }

    public static JsonObject Type(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => WithNonNull(Type(nonNull.Type)),
        GraphQLListType list => new JsonObject { ["NamedType"] = string.Empty, ["Elem"] = Type(list.Type), ["NonNull"] = false },
        GraphQLNamedType named => new JsonObject { ["NamedType"] = Text(named.Name), ["NonNull"] = false },
        _ => new JsonObject(),
    };

    private static JsonObject WithNonNull(JsonObject type)
    {
        type["NonNull"] = true;
        return type;
    }

    public static string TypeText(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => TypeText(nonNull.Type) + "!",
        GraphQLListType list => "[" + TypeText(list.Type) + "]",
        GraphQLNamedType named => Text(named.Name),
        _ => string.Empty,
    };

    public static string NamedType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => NamedType(list.Type),
        GraphQLNamedType named => Text(named.Name),
        _ => string.Empty,
    };

    /// <summary>Drops null members and empty arrays, as OPA does before returning an AST.</summary>
    public static JsonObject Prune(JsonObject obj)
    {
        var remove = new List<string>();
        foreach (var pair in obj)
        {
            if (pair.Value is null || pair.Value is JsonArray { Count: 0 })
            {
                remove.Add(pair.Key);
            }
        }
        foreach (var key in remove)
        {
            obj.Remove(key);
        }
        return obj;
    }
}
