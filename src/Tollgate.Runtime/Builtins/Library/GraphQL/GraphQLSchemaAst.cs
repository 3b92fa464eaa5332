using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace Tollgate.Runtime.Builtins.Library.GraphQL;

/// <summary>Schema documents as gqlparser's SchemaDocument JSON.</summary>
internal static class GraphQLSchemaAst
{
    public static JsonObject Schema(GraphQLDocument document) => GraphQLAst.WithSource(document, SchemaBody);

    private static JsonObject SchemaBody(GraphQLDocument document)
    {
        var definitions = new JsonArray();
        var extensions = new JsonArray();
        var directives = new JsonArray();
        var schema = new JsonArray();
        var schemaExtensions = new JsonArray();
        foreach (var node in document.Definitions)
        {
            switch (node)
            {
                case GraphQLSchemaDefinition s:
                    schema.Add(GraphQLAst.Prune(new JsonObject { ["Description"] = Description(s.Description), ["Directives"] = Directives(s.Directives), ["OperationTypes"] = OperationTypes(s.OperationTypes) }));
                    break;
                case GraphQLSchemaExtension s:
                    // gqlparser uses one SchemaDefinition type for both, so an extension has an empty Description too.
                    schemaExtensions.Add(GraphQLAst.Prune(new JsonObject { ["Description"] = string.Empty, ["Directives"] = Directives(s.Directives), ["OperationTypes"] = OperationTypes(s.OperationTypes) }));
                    break;
                case GraphQLDirectiveDefinition d:
                    var locations = new JsonArray();
                    foreach (var location in d.Locations.Items)
                    {
                        locations.Add(LocationName(location));
                    }
                    directives.Add(GraphQLAst.Prune(new JsonObject
                    {
                        ["Description"] = Description(d.Description),
                        ["Name"] = GraphQLAst.Text(d.Name),
                        ["Arguments"] = ArgumentDefinitions(d.Arguments),
                        ["Locations"] = locations,
                        ["IsRepeatable"] = d.Repeatable,
                    }));
                    break;
                case GraphQLTypeDefinition t:
                    definitions.Add(Definition(t));
                    break;
                case GraphQLTypeExtension e:
                    extensions.Add(Extension(e));
                    break;
            }
        }
        return GraphQLAst.Prune(new JsonObject
        {
            ["Schema"] = schema,
            ["SchemaExtension"] = schemaExtensions,
            ["Directives"] = directives,
            ["Definitions"] = definitions,
            ["Extensions"] = extensions,
        });
    }

    private static string LocationName(DirectiveLocation location)
    {
        // QUERY, FIELD_DEFINITION, … : the enum's words joined by underscores.
        var name = location.ToString();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append('_');
            }
            sb.Append(char.ToUpperInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static string Description(GraphQLDescription? description) => description is null ? string.Empty : new string(description.Value.Span);

    private static JsonArray? OperationTypes(List<GraphQLRootOperationTypeDefinition>? types)
    {
        if (types is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var t in types)
        {
            list.Add(new JsonObject
            {
                ["Operation"] = t.Operation switch { OperationType.Mutation => "mutation", OperationType.Subscription => "subscription", _ => "query" },
                ["Type"] = t.Type is null ? string.Empty : GraphQLAst.Text(t.Type.Name),
            });
        }
        return list;
    }

    private static JsonObject Definition(GraphQLTypeDefinition t)
    {
        var json = new JsonObject
        {
            ["Kind"] = Kind(t),
            ["Description"] = Description(t.Description),
            ["Name"] = GraphQLAst.Text(t.Name),
        };
        Members(json, t);
        json["BuiltIn"] = false;
        return GraphQLAst.Prune(json);
    }

    private static JsonObject Extension(GraphQLTypeExtension e)
    {
        var json = new JsonObject { ["Kind"] = Kind(e), ["Description"] = string.Empty, ["Name"] = GraphQLAst.Text(e.Name) };
        Members(json, e);
        json["BuiltIn"] = false;
        return GraphQLAst.Prune(json);
    }

    private static string Kind(ASTNode node) => node switch
    {
        GraphQLObjectTypeDefinition or GraphQLObjectTypeExtension => "OBJECT",
        GraphQLInterfaceTypeDefinition or GraphQLInterfaceTypeExtension => "INTERFACE",
        GraphQLUnionTypeDefinition or GraphQLUnionTypeExtension => "UNION",
        GraphQLEnumTypeDefinition or GraphQLEnumTypeExtension => "ENUM",
        GraphQLInputObjectTypeDefinition or GraphQLInputObjectTypeExtension => "INPUT_OBJECT",
        _ => "SCALAR",
    };

    private static void Members(JsonObject json, ASTNode node)
    {
        switch (node)
        {
            case GraphQLObjectTypeDefinition o:
                json["Interfaces"] = Names(o.Interfaces?.Items);
                json["Directives"] = Directives(o.Directives);
                json["Fields"] = Fields(o.Fields);
                break;
            case GraphQLObjectTypeExtension o:
                json["Interfaces"] = Names(o.Interfaces?.Items);
                json["Directives"] = Directives(o.Directives);
                json["Fields"] = Fields(o.Fields);
                break;
            case GraphQLInterfaceTypeDefinition i:
                json["Interfaces"] = Names(i.Interfaces?.Items);
                json["Directives"] = Directives(i.Directives);
                json["Fields"] = Fields(i.Fields);
                break;
            case GraphQLInterfaceTypeExtension i:
                json["Interfaces"] = Names(i.Interfaces?.Items);
                json["Directives"] = Directives(i.Directives);
                json["Fields"] = Fields(i.Fields);
                break;
            case GraphQLUnionTypeDefinition u:
                json["Directives"] = Directives(u.Directives);
                json["Types"] = Names(u.Types?.Items);
                break;
            case GraphQLUnionTypeExtension u:
                json["Directives"] = Directives(u.Directives);
                json["Types"] = Names(u.Types?.Items);
                break;
            case GraphQLEnumTypeDefinition e:
                json["Directives"] = Directives(e.Directives);
                json["EnumValues"] = EnumValues(e.Values);
                break;
            case GraphQLEnumTypeExtension e:
                json["Directives"] = Directives(e.Directives);
                json["EnumValues"] = EnumValues(e.Values);
                break;
            case GraphQLInputObjectTypeDefinition i:
                json["Directives"] = Directives(i.Directives);
                json["Fields"] = InputFields(i.Fields?.Items);
                break;
            case GraphQLInputObjectTypeExtension i:
                json["Directives"] = Directives(i.Directives);
                json["Fields"] = InputFields(i.Fields?.Items);
                break;
            case GraphQLScalarTypeDefinition s:
                json["Directives"] = Directives(s.Directives);
                break;
            case GraphQLScalarTypeExtension s:
                json["Directives"] = Directives(s.Directives);
                break;
        }
    }

    private static JsonArray? Names(List<GraphQLNamedType>? types)
    {
        if (types is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var t in types)
        {
            list.Add(GraphQLAst.Text(t.Name));
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
        foreach (var d in directives.Items)
        {
            var args = new JsonArray();
            if (d.Arguments is not null)
            {
                foreach (var a in d.Arguments.Items)
                {
                    args.Add(new JsonObject { ["Name"] = GraphQLAst.Text(a.Name), ["Value"] = GraphQLAst.Value(a.Value) });
                }
            }
            // gqlparser's Directive carries a Location that stays "" until validation; OPA keeps the empty string.
            list.Add(GraphQLAst.Prune(new JsonObject { ["Name"] = GraphQLAst.Text(d.Name), ["Arguments"] = args, ["Location"] = string.Empty }));
        }
        return list;
    }

    private static JsonArray? Fields(GraphQLFieldsDefinition? fields)
    {
        if (fields is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var f in fields.Items)
        {
            list.Add(GraphQLAst.Prune(new JsonObject
            {
                ["Description"] = Description(f.Description),
                ["Name"] = GraphQLAst.Text(f.Name),
                ["Arguments"] = ArgumentDefinitions(f.Arguments),
                ["Type"] = GraphQLAst.Type(f.Type),
                ["Directives"] = Directives(f.Directives),
            }));
        }
        return list;
    }

    private static JsonArray? ArgumentDefinitions(GraphQLArgumentsDefinition? arguments) => InputFields(arguments?.Items);

    private static JsonArray? InputFields(List<GraphQLInputValueDefinition>? values)
    {
        if (values is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var v in values)
        {
            list.Add(GraphQLAst.Prune(new JsonObject
            {
                ["Description"] = Description(v.Description),
                ["Name"] = GraphQLAst.Text(v.Name),
                ["DefaultValue"] = v.DefaultValue is null ? null : GraphQLAst.Value(v.DefaultValue),
                ["Type"] = GraphQLAst.Type(v.Type),
                ["Directives"] = Directives(v.Directives),
            }));
        }
        return list;
    }

    private static JsonArray? EnumValues(GraphQLEnumValuesDefinition? values)
    {
        if (values is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var v in values.Items)
        {
            list.Add(GraphQLAst.Prune(new JsonObject
            {
                ["Description"] = Description(v.Description),
                ["Name"] = GraphQLAst.Text(v.EnumValue.Name),
                ["Directives"] = Directives(v.Directives),
            }));
        }
        return list;
    }
}
