using GraphQLParser.AST;

namespace Tollgate.Runtime.Builtins.Library.GraphQL;

/// <summary>
/// Validates an executable document against a schema with the rules gqlparser applies most often: known
/// fields, arguments and fragments, required arguments, defined variables, and leaf/composite selections.
/// </summary>
internal sealed class GraphQLQueryValidator(GraphQLSchemaModel schema, GraphQLDocument query)
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private HashSet<string> _variables = new(StringComparer.Ordinal);

    public (string Message, ASTNode Node)? Validate()
    {
        foreach (var definition in query.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                _fragments[GraphQLAst.Text(fragment.FragmentName.Name)] = fragment;
            }
        }
        foreach (var definition in query.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition op:
                    _variables = new HashSet<string>(StringComparer.Ordinal);
                    if (op.Variables is not null)
                    {
                        foreach (var v in op.Variables.Items)
                        {
                            _variables.Add(GraphQLAst.Text(v.Variable.Name));
                            var typeName = GraphQLAst.NamedType(v.Type);
                            if (!schema.IsInputType(typeName))
                            {
                                return ($"Variable \"${GraphQLAst.Text(v.Variable.Name)}\" cannot be non-input type \"{GraphQLAst.TypeText(v.Type)}\"", v);
                            }
                        }
                    }
                    if (!schema.Roots.TryGetValue(op.Operation, out var root))
                    {
                        return ($"Schema does not support operation type \"{op.Operation.ToString().ToLowerInvariant()}\"", op);
                    }
                    if (Selections(op.SelectionSet, root, 0) is { } error)
                    {
                        return error;
                    }
                    break;
                case GraphQLFragmentDefinition fragment:
                    _variables = null!;
                    var condition = GraphQLAst.Text(fragment.TypeCondition.Type.Name);
                    if (!schema.Types.ContainsKey(condition))
                    {
                        return ($"Unknown type \"{condition}\"", fragment);
                    }
                    if (Selections(fragment.SelectionSet, condition, 0) is { } fragmentError)
                    {
                        return fragmentError;
                    }
                    break;
            }
        }
        return null;
    }

    private (string, ASTNode)? Selections(GraphQLSelectionSet set, string typeName, int depth)
    {
        if (depth > 64)
        {
            return ("selection set nesting too deep", set);
        }
        var type = schema.Types[typeName];
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (Field(field, type, depth) is { } error)
                    {
                        return error;
                    }
                    break;
                case GraphQLInlineFragment inline:
                    var condition = inline.TypeCondition is null ? typeName : GraphQLAst.Text(inline.TypeCondition.Type.Name);
                    if (!schema.Types.ContainsKey(condition))
                    {
                        return ($"Unknown type \"{condition}\"", inline);
                    }
                    if (Selections(inline.SelectionSet, condition, depth + 1) is { } inlineError)
                    {
                        return inlineError;
                    }
                    break;
                case GraphQLFragmentSpread spread:
                    var name = GraphQLAst.Text(spread.FragmentName.Name);
                    if (!_fragments.ContainsKey(name))
                    {
                        return ($"Unknown fragment \"{name}\"", spread);
                    }
                    break;
            }
        }
        return null;
    }

    private (string, ASTNode)? Field(GraphQLField field, GraphQLSchemaModel.TypeInfo parent, int depth)
    {
        var name = GraphQLAst.Text(field.Name);
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return null;
        }
        if (!parent.Fields.TryGetValue(name, out var definition))
        {
            return ($"Cannot query field \"{name}\" on type \"{parent.Name}\"", field);
        }
        var declared = new Dictionary<string, GraphQLInputValueDefinition>(StringComparer.Ordinal);
        if (definition.Arguments is not null)
        {
            foreach (var argument in definition.Arguments.Items)
            {
                declared[GraphQLAst.Text(argument.Name)] = argument;
            }
        }
        var given = new HashSet<string>(StringComparer.Ordinal);
        if (field.Arguments is not null)
        {
            foreach (var argument in field.Arguments.Items)
            {
                var argumentName = GraphQLAst.Text(argument.Name);
                given.Add(argumentName);
                if (!declared.ContainsKey(argumentName))
                {
                    return ($"Unknown argument \"{argumentName}\" on field \"{parent.Name}.{name}\"", argument);
                }
                if (argument.Value is GraphQLVariable variable && _variables is not null && !_variables.Contains(GraphQLAst.Text(variable.Name)))
                {
                    return ($"Variable \"${GraphQLAst.Text(variable.Name)}\" is not defined", argument);
                }
            }
        }
        foreach (var (argumentName, argument) in declared)
        {
            if (argument.Type is GraphQLNonNullType && argument.DefaultValue is null && !given.Contains(argumentName))
            {
                return ($"Field \"{name}\" argument \"{argumentName}\" of type \"{GraphQLAst.TypeText(argument.Type)}\" is required, but it was not provided", field);
            }
        }
        var target = GraphQLAst.NamedType(definition.Type);
        var targetType = schema.Types[target];
        var leaf = targetType.Kind is "SCALAR" or "ENUM";
        if (leaf && field.SelectionSet is not null)
        {
            return ($"Field \"{name}\" must not have a selection since type \"{GraphQLAst.TypeText(definition.Type)}\" has no subfields", field);
        }
        if (!leaf && field.SelectionSet is null)
        {
            return ($"Field \"{name}\" of type \"{GraphQLAst.TypeText(definition.Type)}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", field);
        }
        return field.SelectionSet is null ? null : Selections(field.SelectionSet, target, depth + 1);
    }
}
