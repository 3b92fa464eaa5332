using GraphQLParser.AST;

namespace Tollgate.Runtime.Builtins.Library.GraphQL;

/// <summary>
/// The types of a schema document (definitions merged with their extensions), checked for the errors
/// gqlparser reports when it loads a schema. Used to validate queries.
/// </summary>
internal sealed class GraphQLSchemaModel
{
    private static readonly string[] BuiltInScalars = ["Int", "Float", "String", "Boolean", "ID"];

    public sealed class TypeInfo(string name, string kind)
    {
        public string Name { get; } = name;
        public string Kind { get; } = kind;
        public Dictionary<string, GraphQLFieldDefinition> Fields { get; } = new(StringComparer.Ordinal);
        public List<string> Interfaces { get; } = [];
        public List<string> Members { get; } = [];
        public Dictionary<string, GraphQLInputValueDefinition> InputFields { get; } = new(StringComparer.Ordinal);
        public HashSet<string> EnumValues { get; } = new(StringComparer.Ordinal);
    }

    public Dictionary<string, TypeInfo> Types { get; } = new(StringComparer.Ordinal);
    public Dictionary<OperationType, string> Roots { get; } = [];

    /// <summary>The model, or the first schema error as (message, node).</summary>
    public static GraphQLSchemaModel Build(GraphQLDocument document, out (string Message, ASTNode? Node)? error)
    {
        var model = new GraphQLSchemaModel();
        foreach (var scalar in BuiltInScalars)
        {
            model.Types[scalar] = new TypeInfo(scalar, "SCALAR");
        }
        error = null;
        foreach (var node in document.Definitions)
        {
            if (node is GraphQLTypeDefinition definition)
            {
                var name = GraphQLAst.Text(definition.Name);
                if (model.Types.TryGetValue(name, out var existing) && Array.IndexOf(BuiltInScalars, name) < 0)
                {
                    error ??= ($"Cannot redeclare type {name}.", node);
                    continue;
                }
                var info = new TypeInfo(name, KindOf(node));
                model.Types[name] = info;
                error ??= model.Absorb(info, node);
            }
            else if (node is GraphQLSchemaDefinition schema)
            {
                foreach (var root in schema.OperationTypes)
                {
                    model.Roots[root.Operation] = GraphQLAst.Text(root.Type!.Name);
                }
            }
            else if (node is GraphQLSchemaExtension { OperationTypes: { } extended })
            {
                foreach (var root in extended)
                {
                    model.Roots[root.Operation] = GraphQLAst.Text(root.Type!.Name);
                }
            }
        }
        foreach (var node in document.Definitions)
        {
            if (node is GraphQLTypeExtension extension)
            {
                var name = GraphQLAst.Text(extension.Name);
                if (!model.Types.TryGetValue(name, out var info))
                {
                    // gqlparser accepts an extension of a type that is not defined: it stands in for the definition.
                    info = new TypeInfo(name, KindOf(node));
                    model.Types[name] = info;
                }
                else if (info.Kind != KindOf(node))
                {
                    // ... but every later extension must be of the same kind.
                    error ??= ($"Cannot extend type {name} because the base type is a {info.Kind}, not {KindOf(node)}.", node);
                }
                error ??= model.Absorb(info, node);
            }
        }
        error ??= model.CheckReferences();
        foreach (var (operation, name) in model.Roots)
        {
            if (!model.Types.ContainsKey(name))
            {
                // gqlparser: a schema (extension) naming a root operation type that is not defined.
                error ??= ($"Schema root {operation.ToString().ToLowerInvariant()} refers to a type {name} that does not exist.", null);
            }
        }
        foreach (var (operation, name) in new[] { (OperationType.Query, "Query"), (OperationType.Mutation, "Mutation"), (OperationType.Subscription, "Subscription") })
        {
            if (!model.Roots.ContainsKey(operation) && model.Types.ContainsKey(name))
            {
                model.Roots[operation] = name;
            }
        }
        return model;
    }

    private static string KindOf(ASTNode node) => node switch
    {
        GraphQLObjectTypeDefinition or GraphQLObjectTypeExtension => "OBJECT",
        GraphQLInterfaceTypeDefinition or GraphQLInterfaceTypeExtension => "INTERFACE",
        GraphQLUnionTypeDefinition or GraphQLUnionTypeExtension => "UNION",
        GraphQLEnumTypeDefinition or GraphQLEnumTypeExtension => "ENUM",
        GraphQLInputObjectTypeDefinition or GraphQLInputObjectTypeExtension => "INPUT_OBJECT",
        _ => "SCALAR",
    };

    private (string, ASTNode?)? Absorb(TypeInfo info, ASTNode node)
    {
        switch (node)
        {
            case GraphQLObjectTypeDefinition o:
                AddFields(info, o.Fields);
                AddNames(info.Interfaces, o.Interfaces?.Items);
                break;
            case GraphQLObjectTypeExtension o:
                AddFields(info, o.Fields);
                AddNames(info.Interfaces, o.Interfaces?.Items);
                break;
            case GraphQLInterfaceTypeDefinition i:
                if (i.Interfaces is { Items.Count: > 0 })
                {
                    // gqlparser's grammar has no interface inheritance.
                    return ($"Unexpected Name \"implements\"", node);
                }
                AddFields(info, i.Fields);
                break;
            case GraphQLInterfaceTypeExtension i:
                AddFields(info, i.Fields);
                break;
            case GraphQLUnionTypeDefinition u:
                AddNames(info.Members, u.Types?.Items);
                break;
            case GraphQLUnionTypeExtension u:
                AddNames(info.Members, u.Types?.Items);
                break;
            case GraphQLEnumTypeDefinition e:
                return AddEnumValues(info, e.Values, node);
            case GraphQLEnumTypeExtension e:
                return AddEnumValues(info, e.Values, node);
            case GraphQLInputObjectTypeDefinition i:
                AddInputFields(info, i.Fields?.Items);
                break;
            case GraphQLInputObjectTypeExtension i:
                AddInputFields(info, i.Fields?.Items);
                break;
        }
        return null;
    }

    private static void AddFields(TypeInfo info, GraphQLFieldsDefinition? fields)
    {
        if (fields is null)
        {
            return;
        }
        foreach (var field in fields.Items)
        {
            info.Fields[GraphQLAst.Text(field.Name)] = field;
        }
    }

    private static void AddNames(List<string> target, List<GraphQLNamedType>? names)
    {
        if (names is null)
        {
            return;
        }
        foreach (var name in names)
        {
            target.Add(GraphQLAst.Text(name.Name));
        }
    }

    private static (string, ASTNode?)? AddEnumValues(TypeInfo info, GraphQLEnumValuesDefinition? values, ASTNode node)
    {
        if (values is null)
        {
            return null;
        }
        foreach (var value in values.Items)
        {
            if (!info.EnumValues.Add(GraphQLAst.Text(value.EnumValue.Name)))
            {
                return ($"Enum {info.Name} must define one or more unique enum values.", node);
            }
        }
        return null;
    }

    private static void AddInputFields(TypeInfo info, List<GraphQLInputValueDefinition>? fields)
    {
        if (fields is null)
        {
            return;
        }
        foreach (var field in fields)
        {
            info.InputFields[GraphQLAst.Text(field.Name)] = field;
        }
    }

    public bool IsInputType(string name) => Types.TryGetValue(name, out var t) && t.Kind is "SCALAR" or "ENUM" or "INPUT_OBJECT";

    private (string, ASTNode?)? CheckReferences()
    {
        foreach (var type in Types.Values)
        {
            foreach (var field in type.Fields.Values)
            {
                var target = GraphQLAst.NamedType(field.Type);
                if (!Types.TryGetValue(target, out var targetInfo))
                {
                    return ($"Undefined type {target}.", field);
                }
                if (targetInfo.Kind == "INPUT_OBJECT")
                {
                    return ($"OBJECT field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.", field);
                }
                if (field.Arguments is not null)
                {
                    foreach (var argument in field.Arguments.Items)
                    {
                        var argumentType = GraphQLAst.NamedType(argument.Type);
                        if (!IsInputType(argumentType))
                        {
                            return (Types.TryGetValue(argumentType, out var argumentInfo) ? $"cannot use {argumentType} as argument {GraphQLAst.Text(argument.Name)} because {argumentInfo.Kind} is not a valid input type" : $"Undefined type {argumentType}.", argument);
                        }
                    }
                }
            }
            foreach (var input in type.InputFields.Values)
            {
                var target = GraphQLAst.NamedType(input.Type);
                if (!IsInputType(target))
                {
                    return (Types.ContainsKey(target) ? $"INPUT_OBJECT field must be one of SCALAR, ENUM, INPUT_OBJECT." : $"Undefined type {target}.", input);
                }
            }
            foreach (var name in type.Interfaces)
            {
                if (!Types.TryGetValue(name, out var iface) || iface.Kind != "INTERFACE")
                {
                    return (Types.ContainsKey(name) ? $"{type.Name} must be an INTERFACE." : $"Undefined type \"{name}\".", null);
                }
                foreach (var required in iface.Fields.Keys)
                {
                    if (!type.Fields.ContainsKey(required))
                    {
                        return ($"For {type.Name} to implement {name} it must have a field called {required}.", null);
                    }
                }
            }
            foreach (var member in type.Members)
            {
                if (!Types.TryGetValue(member, out var info) || info.Kind != "OBJECT")
                {
                    return (Types.ContainsKey(member) ? $"UNION type \"{member}\" must be OBJECT." : $"Undefined type \"{member}\".", null);
                }
            }
        }
        return null;
    }
}
