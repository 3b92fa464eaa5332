using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>
/// regex.globs_match: do two "globs" (the regex subset of OPA's glob-intersection: literals, '.', character
/// classes, each optionally followed by '*', '+' or '?') match at least one common string? Decided by a
/// search over pairs of positions in the two token lists, so it is linear in their product.
/// </summary>
internal static class GlobIntersection
{
    private const string Name = "regex.globs_match";

    private enum Repeat { One, Star, Optional }

    /// <summary>A set of characters: explicit ranges, or "any" (the dot), possibly negated.</summary>
    private sealed class CharSet
    {
        public bool Any;
        public bool Negated;
        public readonly List<(char Low, char High)> Ranges = [];

        public bool Contains(char c)
        {
            if (Any)
            {
                return true;
            }
            var inside = false;
            foreach (var (low, high) in Ranges)
            {
                if (c >= low && c <= high)
                {
                    inside = true;
                    break;
                }
            }
            return inside != Negated;
        }

        public bool Intersects(CharSet other)
        {
            if ((Any || Negated) && (other.Any || other.Negated))
            {
                // Both are (co-)infinite: some character outside both exclusion lists exists.
                return true;
            }
            var finite = Any || Negated ? other : this;
            var second = ReferenceEquals(finite, this) ? other : this;
            foreach (var (low, high) in finite.Ranges)
            {
                for (var c = low; ; c++)
                {
                    if (second.Contains(c))
                    {
                        return true;
                    }
                    if (c == high)
                    {
                        break;
                    }
                }
            }
            return false;
        }
    }

    private readonly record struct Token(CharSet Set, Repeat Repeat);

    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var first = Parse(Args.String(a, 0, Name));
        var second = Parse(Args.String(a, 1, Name));
        return JsonValue.Create(Intersect(first, second));
    }

    private static bool Intersect(List<Token> x, List<Token> y)
    {
        var visited = new HashSet<(int, int)>();
        var stack = new Stack<(int, int)>();
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (i, j) = stack.Pop();
            if (!visited.Add((i, j)))
            {
                continue;
            }
            if (i == x.Count && j == y.Count)
            {
                return true;
            }
            if (i < x.Count && x[i].Repeat != Repeat.One)
            {
                stack.Push((i + 1, j));
            }
            if (j < y.Count && y[j].Repeat != Repeat.One)
            {
                stack.Push((i, j + 1));
            }
            if (i < x.Count && j < y.Count && x[i].Set.Intersects(y[j].Set))
            {
                var ni = x[i].Repeat == Repeat.Star ? i : i + 1;
                var nj = y[j].Repeat == Repeat.Star ? j : j + 1;
                stack.Push((ni, nj));
                if (x[i].Repeat == Repeat.Star && y[j].Repeat == Repeat.Star)
                {
                    stack.Push((i + 1, j + 1));
                }
            }
        }
        return false;
    }

    private static List<Token> Parse(string glob)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            CharSet set;
            switch (c)
            {
                case '.':
                    set = new CharSet { Any = true };
                    i++;
                    break;
                case '[':
                    set = ParseClass(glob, ref i);
                    break;
                case ']':
                    throw Invalid(glob, i + 1, "set-close ']' with no preceding '['");
                case '*' or '+' or '?':
                    throw Invalid(glob, i + 1, $"'{c}' with no preceding character");
                case '\\':
                    if (i + 1 >= glob.Length)
                    {
                        throw Invalid(glob, i + 1, "'\\' at end of input");
                    }
                    set = Single(glob[i + 1]);
                    i += 2;
                    break;
                default:
                    set = Single(c);
                    i++;
                    break;
            }
            var repeat = Repeat.One;
            if (i < glob.Length && glob[i] is '*' or '+' or '?')
            {
                if (glob[i] == '+')
                {
                    tokens.Add(new Token(set, Repeat.One));
                    repeat = Repeat.Star;
                }
                else
                {
                    repeat = glob[i] == '*' ? Repeat.Star : Repeat.Optional;
                }
                i++;
            }
            tokens.Add(new Token(set, repeat));
        }
        return tokens;
    }

    private static CharSet Single(char c)
    {
        var set = new CharSet();
        set.Ranges.Add((c, c));
        return set;
    }

    private static CharSet ParseClass(string glob, ref int i)
    {
        var set = new CharSet();
        i++;
        if (i < glob.Length && glob[i] == '^')
        {
            set.Negated = true;
            i++;
        }
        while (i < glob.Length && glob[i] != ']')
        {
            var low = glob[i] == '\\' && i + 1 < glob.Length ? glob[++i] : glob[i];
            i++;
            var high = low;
            if (i + 1 < glob.Length && glob[i] == '-' && glob[i + 1] != ']')
            {
                high = glob[i + 1] == '\\' && i + 2 < glob.Length ? glob[i + 2] : glob[i + 1];
                i += glob[i + 1] == '\\' ? 3 : 2;
            }
            set.Ranges.Add((low, high));
        }
        if (i >= glob.Length)
        {
            throw Invalid(glob, i, "set-open '[' with no closing ']'");
        }
        i++;
        return set;
    }

    private static BuiltinException Invalid(string glob, int position, string what) =>
        Args.Error(Name, $"input:{glob}, pos:{position}, {what}: the input provided is invalid");
}
