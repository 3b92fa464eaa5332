using Tollgate.Runtime.Builtins.Library.Collections;
using Tollgate.Runtime.Builtins.Library.Crypto;
using Tollgate.Runtime.Builtins.Library.GraphQL;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Numbers;
using Tollgate.Runtime.Builtins.Library.Patterns;
using Tollgate.Runtime.Builtins.Library.Runtime;
using Tollgate.Runtime.Builtins.Library.Schemas;
using Tollgate.Runtime.Builtins.Library.Strings;
using Tollgate.Runtime.Builtins.Library.Time;
using Tollgate.Runtime.Builtins.Library.Tokens;
using Tollgate.Runtime.Builtins.Library.Units;
using Tollgate.Runtime.Builtins.Library.Versions;
using Tollgate.Runtime.Builtins.Library.Identifiers;
using Tollgate.Runtime.Builtins.Library.Net;

namespace Tollgate.Runtime.Builtins;

/// <summary>Registers the standard host-side builtin catalogue (implementations live under Library/).</summary>
public static partial class StandardBuiltins
{
    /// <summary>Adds every standard host builtin to <paramref name="registry"/>.</summary>
    public static void RegisterAll(BuiltinRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        StringBuiltins.Register(registry);
        RegexBuiltins.Register(registry);
        GlobBuiltins.Register(registry);
        NumberBuiltins.Register(registry);
        AggregateBuiltins.Register(registry);
        BitsBuiltins.Register(registry);
        OperatorBuiltins.Register(registry);
        TypeBuiltins.Register(registry);
        ArrayBuiltins.Register(registry);
        ObjectBuiltins.Register(registry);
        JsonPathBuiltins.Register(registry);
        JsonPatch.Register(registry);
        WalkBuiltins.Register(registry);
        EncodingBuiltins.Register(registry);
        JsonBuiltins.Register(registry);
        YamlBuiltins.Register(registry);
        TimeBuiltins.Register(registry);
        UnitBuiltins.Register(registry);
        SemverBuiltins.Register(registry);
        UuidBuiltins.Register(registry);
        NetBuiltins.Register(registry);
        UriBuiltins.Register(registry);
        HashBuiltins.Register(registry);
        X509Builtins.Register(registry);
        JwtBuiltins.Register(registry);
        JsonSchemaBuiltins.Register(registry);
        RuntimeBuiltins.Register(registry);
        GraphQLBuiltins.Register(registry);
    }
}
