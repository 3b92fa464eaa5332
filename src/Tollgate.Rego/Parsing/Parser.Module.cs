using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// The statement loop of a module: package, imports, rules, and bodyless rules written as statements.
/// After an error it skips to the next line that starts in column 1 and goes on, up to MaxErrors.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>True once <c>import rego.v1</c> made a v0 module follow v1 rules.</summary>
    private bool _regoV1Import;

    public Module? ParseModule()
    {
        Scan();
        if (_tok.Kind == TokenKind.EndOfFile)
        {
            Error(new SourceLocation(_file, 1, 1, 0, 0), "empty module");
            return null;
        }

        Package? package = null;
        var imports = new List<Import>();
        var rules = new List<Rule>();
        var first = true;
        while (_tok.Kind != TokenKind.EndOfFile && !TooManyErrors)
        {
            var statementStart = _tok;
            var errorsBefore = _errors.Count;
            _statementErrorBase = errorsBefore;
            ParseStatement(ref package, imports, rules, first);
            first = false;
            if (_errors.Count > errorsBefore)
            {
                SkipToNextStatement(statementStart);
            }
        }
        if (package is null)
        {
            return null;
        }

        var module = new Module
        {
            Package = package,
            File = _file,
            Source = _text,
            Version = _options.Version,
            Location = new SourceLocation(_file, 1, 1, 0, _text.Length),
        };
        module.Imports.AddRange(imports);
        foreach (var rule in rules)
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                r.Module = module;
            }
        }
        module.Rules.AddRange(rules);
        if (_options.Version == RegoVersion.V1 || _regoV1Import)
        {
            foreach (var rule in rules)
            {
                for (var r = rule; r is not null; r = r.Else)
                {
                    CheckRegoV1(r);
                }
            }
        }
        SortErrorsByPosition();
        return module;
    }

    private void ParseStatement(ref Package? package, List<Import> imports, List<Rule> rules, bool first)
    {
        var start = Save();
        if (_tok.Kind == TokenKind.Package)
        {
            var parsed = ParsePackage();
            if (parsed is not null)
            {
                if (!first)
                {
                    Error(parsed.Location, "unexpected package");
                }
                package ??= first ? parsed : null;
                return;
            }
            if (_errors.Count > start.ErrorCount)
            {
                return;
            }
            Restore(start);
        }
        if (first)
        {
            Error(_tok, "package expected");
        }
        if (_tok.Kind == TokenKind.Import)
        {
            var parsed = ParseImport();
            if (parsed is not null)
            {
                imports.Add(parsed);
                return;
            }
            if (_errors.Count > start.ErrorCount)
            {
                return;
            }
            Restore(start);
        }

        var parsedRules = ParseRules();
        if (parsedRules is not null)
        {
            rules.AddRange(parsedRules);
            return;
        }
        if (_errors.Count > start.ErrorCount)
        {
            return;
        }
        Restore(start);

        var body = ParseQuery(requireSemicolon: true, TokenKind.EndOfFile);
        if (body is null)
        {
            return;
        }
        var rule = RuleFromStatement(body);
        if (rule is not null)
        {
            rules.Add(rule);
        }
    }

    /// <summary>
    /// Error recovery: moves past the failed statement to the next word (a rule name, <c>default</c>,
    /// <c>import</c>, …) that starts a line in column 1, always making progress past the error.
    /// </summary>
    private void SkipToNextStatement(in Token statementStart)
    {
        var errorAt = _errors.Count > 0 ? _errors[^1].Location.Start : statementStart.Start;
        while (_tok.Kind != TokenKind.EndOfFile)
        {
            var pastError = _tok.Start > errorAt && _tok.Start > statementStart.Start;
            if (pastError && _tok.NewlineBefore && _tok.Column == 1 && _tok.IsWordLike)
            {
                return;
            }
            Scan();
        }
    }

    /// <summary>
    /// The path after <c>package</c> or <c>import</c> (the current token), as a term (null when it does not
    /// parse). False when there is no declaration: the keyword heads a ref (<c>package.x</c>), or an
    /// illegal token follows it (reported).
    /// </summary>
    private bool ParseDeclaredPath(out Term? path)
    {
        path = null;
        Scan();
        if (!_tok.SpaceBefore && _tok.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            return false;
        }
        if (!_tok.IsWordLike)
        {
            Illegal("");
            return false;
        }
        _tok.Kind = TokenKind.Identifier;
        path = ParseTerm();
        return true;
    }

    /// <summary>A declared path's parts after its head must be plain names; reports the first that is not.</summary>
    private bool CheckPathParts(RefTerm path)
    {
        foreach (var part in path.Parts)
        {
            if (part is not StringTerm)
            {
                Error(part.Location, $"unexpected {TermKindNames.Of(part)} token: expecting string");
                return false;
            }
        }
        return true;
    }

    private Package? ParsePackage()
    {
        var start = _tok;
        if (!ParseDeclaredPath(out var term))
        {
            return null;
        }
        if (term is null)
        {
            if (NoStatementErrors)
            {
                Error(_tok, "expected path");
            }
            return null;
        }
        var path = new RefTerm { Head = new VarTerm("data") { Location = term.Location }, Location = term.Location };
        switch (term)
        {
            case VarTerm v:
                path.Parts.Add(new StringTerm(v.Name) { Location = v.Location });
                break;
            case RefTerm r:
                if (r.Head is not VarTerm first)
                {
                    Error(r.Head.Location, $"unexpected {TermKindNames.Of(r.Head)} token: expecting var");
                    return null;
                }
                if (!CheckPathParts(r))
                {
                    return null;
                }
                path.Parts.Add(new StringTerm(first.Name) { Location = first.Location });
                path.Parts.AddRange(r.Parts);
                break;
            default:
                Error(term.Location, $"unexpected {TermKindNames.Of(term)} token");
                return null;
        }
        return new Package { Path = path, Location = Span(start) };
    }

    private Import? ParseImport()
    {
        var start = _tok;
        if (!ParseDeclaredPath(out var term))
        {
            return null;
        }
        RefTerm? path = null;
        switch (term)
        {
            case VarTerm v:
                path = new RefTerm { Head = v, Location = v.Location };
                break;
            case RefTerm r:
                if (!CheckPathParts(r))
                {
                    return null;
                }
                path = r;
                break;
        }
        if (path is null)
        {
            if (NoStatementErrors)
            {
                Error(_tok, "expected path");
            }
            return null;
        }
        var root = path.Head is VarTerm rv ? rv.Name : "";
        if (root is not ("data" or "input" or "future" or "rego"))
        {
            Error(path.Location, $"unexpected import path, must begin with one of: {{data, future, input, rego}}, got: {root}");
            return null;
        }

        var import = new Import { Path = path };
        if (_tok.Kind == TokenKind.As)
        {
            Scan();
            if (_tok.Kind != TokenKind.Identifier)
            {
                Illegal("expected var");
                return null;
            }
            if (ParseTerm() is not VarTerm alias)
            {
                Illegal("expected var");
                return null;
            }
            import.Alias = alias.Name;
        }
        else if (root != "future")
        {
            var last = path.Parts.Count == 0 ? root : ((StringTerm)path.Parts[^1]).Value;
            if (Keywords.IsV1Keyword(last))
            {
                var at = path.Parts.Count == 0 ? path.Location : path.Parts[^1].Location;
                Error(at, $"unexpected import path, must not end with a keyword, got: {last} (hint: import a different path or use an alias)");
            }
        }
        import.Location = Span(start);

        if (root == "future")
        {
            FutureImport(import);
        }
        else if (root == "rego")
        {
            RegoImport(import);
        }
        return import;
    }

    private void FutureImport(Import import)
    {
        var path = import.Path;
        if (path.Parts.Count == 0 || ((StringTerm)path.Parts[0]).Value != "keywords")
        {
            Error(path.Location, "invalid import, must be `future.keywords`");
            return;
        }
        if (import.Alias is not null)
        {
            Error(path.Location, "`future` imports cannot be aliased");
            return;
        }
        var enable = FutureKeywords.All;
        if (path.Parts.Count == 2)
        {
            var keyword = ((StringTerm)path.Parts[1]).Value;
            enable = keyword switch
            {
                "in" => FutureKeywords.In,
                "every" => FutureKeywords.Every | FutureKeywords.In,
                "if" => FutureKeywords.If,
                "contains" => FutureKeywords.Contains,
                "and" => FutureKeywords.And,
                "or" => FutureKeywords.Or,
                "not" => FutureKeywords.NotBlock,
                _ => FutureKeywords.None,
            };
            if (enable == FutureKeywords.None)
            {
                Error(path.Location, "unexpected keyword, must be one of [and contains every if in not or]");
                return;
            }
        }
        _lexer.Keywords |= enable;
    }

    private void RegoImport(Import import)
    {
        var path = import.Path;
        if (path.Parts.Count != 1 || ((StringTerm)path.Parts[0]).Value != "v1")
        {
            Error(path.Location, $"invalid import `{path.ToDottedString()}`, must be `rego.v1`");
            return;
        }
        if (_options.Version == RegoVersion.V1)
        {
            return;
        }
        if (import.Alias is not null)
        {
            Error(path.Location, "`rego` imports cannot be aliased");
            return;
        }
        _lexer.Keywords |= FutureKeywords.All;
        _regoV1Import = true;
    }

    /// <summary>OPA's v1 rules for rule declarations (also applied to v0 modules that import rego.v1).</summary>
    private void CheckRegoV1(Rule rule)
    {
        var kind = rule.Head.Kind == RuleKind.Function ? "function" : "rule";
        var syntax = rule.Syntax;
        // Only a plain name counts: "in.foo := 1" is a ref head whose first part merely looks like a keyword.
        if (rule.Head.Ref.Parts.Count == 0 && Keywords.IsV1Keyword(rule.Head.Name))
        {
            Error(rule.Location, $"{rule.Head.Name} keyword cannot be used for rule name");
        }
        if (syntax.GeneratedBody && syntax.GeneratedValue)
        {
            Error(rule.Location, $"{kind} must have value assignment and/or body declaration");
        }
        if (!syntax.GeneratedBody && !syntax.HasIf && !rule.IsDefault)
        {
            Error(rule.Location, $"`if` keyword is required before {kind} body");
        }
        if (rule.Head.Kind == RuleKind.PartialSet && !syntax.UsesContains)
        {
            Error(rule.Location, "`contains` keyword is required for partial set rules");
        }
    }

    /// <summary>Orders diagnostics by source position (the v1 checks run last but belong where their rule is).</summary>
    private void SortErrorsByPosition()
    {
        var indexed = new (Diagnostics.Diagnostic Diagnostic, int Index)[_errors.Count];
        for (var i = 0; i < indexed.Length; i++)
        {
            indexed[i] = (_errors[i], i);
        }
        Array.Sort(indexed, static (a, b) =>
        {
            var byLine = a.Diagnostic.Location.Line.CompareTo(b.Diagnostic.Location.Line);
            if (byLine != 0) return byLine;
            var byColumn = a.Diagnostic.Location.Column.CompareTo(b.Diagnostic.Location.Column);
            return byColumn != 0 ? byColumn : a.Index.CompareTo(b.Index);
        });
        for (var i = 0; i < indexed.Length; i++)
        {
            _errors[i] = indexed[i].Diagnostic;
        }
    }
}
