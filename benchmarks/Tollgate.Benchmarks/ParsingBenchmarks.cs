using BenchmarkDotNet.Attributes;
using Tollgate.Rego;
using Tollgate.Rego.Syntax;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Benchmarks;

/// <summary>
/// Front-end throughput over real inputs: every module of OPA's conformance suite, one corpus per YAML
/// file (its modules in order). Divide <see cref="CorpusChars"/> by the mean time for MB/s (the sources
/// are ASCII, so chars are bytes).
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private List<string[]> _files = [];

    public long CorpusChars { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = LoadCorpus();
        CorpusChars = 0;
        foreach (var modules in _files)
        {
            foreach (var module in modules)
            {
                CorpusChars += module.Length;
            }
        }
        Console.WriteLine($"// corpus: {_files.Count} files, {CorpusChars} chars");
    }

    /// <summary>Lexes and parses every module of every file.</summary>
    [Benchmark]
    public int ParseAllModules()
    {
        var rules = 0;
        foreach (var modules in _files)
        {
            foreach (var module in modules)
            {
                var result = RegoParser.ParseModule(module);
                rules += result.Value?.Rules.Count ?? 0;
            }
        }
        return rules;
    }

    /// <summary>Lexing alone, to see how the parser's share compares.</summary>
    [Benchmark]
    public int LexAllModules()
    {
        var tokens = 0;
        foreach (var modules in _files)
        {
            foreach (var module in modules)
            {
                var lexer = new Lexer(module) { Keywords = FutureKeywords.All };
                while (lexer.Next().Kind != TokenKind.EndOfFile)
                {
                    tokens++;
                }
            }
        }
        return tokens;
    }

    private static List<string[]> LoadCorpus()
    {
        var root = FindSuite();
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var corpus = new List<string[]>(files.Length);
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }
            var modules = new List<string>();
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode doc
                && doc.Children.TryGetValue(new YamlScalarNode("cases"), out var cases) && cases is YamlSequenceNode list)
            {
                foreach (var c in list.Children)
                {
                    if (c is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("modules"), out var ms) && ms is YamlSequenceNode seq)
                    {
                        foreach (var module in seq.Children)
                        {
                            if (module is YamlScalarNode s && s.Value is not null)
                            {
                                modules.Add(s.Value);
                            }
                        }
                    }
                }
            }
            if (modules.Count > 0)
            {
                corpus.Add([.. modules]);
            }
        }
        return corpus;
    }

    /// <summary>The suite beside the checkout: found above the binaries, or above the working directory.</summary>
    private static string FindSuite()
    {
        var root = FindCheckout(AppContext.BaseDirectory) ?? FindCheckout(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "opa-v1"));
    }

    private static string? FindCheckout(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName;
    }
}
