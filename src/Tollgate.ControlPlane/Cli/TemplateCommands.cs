using System.CommandLine;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary><c>tollgate template push|list</c> and <c>tollgate library push</c> over /v1/templates and /v1/libraries.</summary>
internal static class TemplateCommands
{
    public static Command CreateTemplate()
    {
        var template = new Command("template", "Push and list policy templates (each push makes a new version).");
        template.Subcommands.Add(Push());
        template.Subcommands.Add(List());
        return template;
    }

    public static Command CreateLibrary()
    {
        var library = new Command("library", "Push shared Rego libraries that every tenant's build includes.");
        library.Subcommands.Add(LibraryPush());
        return library;
    }

    private static Command Push()
    {
        var name = ClientCommand.Positional("NAME", "Template name.");
        var paths = ClientCommand.Positionals("FILE_OR_DIR", "The template's .rego file; with several files or a directory, NAME.rego is the template and every other .rego is pushed as a shared library.");
        var entrypoints = new Option<string[]>("--entrypoint") { Description = "Entrypoint path such as tenant/authz/allow (repeatable; default tenant/authz/allow and tenant/authz/decision). The first is the one edges serve." };
        const string usage = "template push NAME FILE_OR_DIR... [--entrypoint E ...]";
        return ClientCommand.Create("push", "Push a new version of a template (the server checks that it parses).", usage, [name, paths, entrypoints], async (c, ct) =>
        {
            var templateName = c.Required(name);
            var files = RegoFiles(c.Value(paths) ?? []);
            if (files.Count == 0) throw new UsageException("give the template's .rego file (or a directory holding it)");
            var main = files.Count == 1 ? files[0] : files.Find(f => string.Equals(Path.GetFileNameWithoutExtension(f.Path), templateName, StringComparison.Ordinal));
            if (main is null) throw new UsageException($"several .rego files and none is named {templateName}.rego; which one is the template?");
            var body = new JsonObject { ["name"] = templateName, ["source"] = Read(main.Path) };
            if (c.Value(entrypoints) is { Length: > 0 } eps)
            {
                var arr = new JsonArray();
                foreach (var e in eps) arr.Add(e.Trim('/').Replace('.', '/'));
                body["entrypoints"] = arr;
            }
            var results = new JsonArray();
            foreach (var lib in files)
            {
                if (ReferenceEquals(lib, main)) continue;
                results.Add(await c.Client.PostAsync("/v1/libraries", new JsonObject { ["name"] = lib.Name, ["source"] = Read(lib.Path) }, ct));
                if (!c.Json) await c.Out.WriteLineAsync($"library {lib.Name} pushed ({lib.Path})");
            }
            var answer = await c.Client.PostAsync("/v1/templates", body, ct);
            if (c.Json)
            {
                results.Add(answer);
                await c.WriteJsonAsync(files.Count == 1 ? answer : results);
            }
            else
            {
                await c.Out.WriteLineAsync($"template {answer?["name"]} version {answer?["version"]} pushed ({main.Path})");
            }
            return 0;
        });
    }

    private static Command List()
    {
        return ClientCommand.Create("list", "List templates and their versions.", "template list", [], async (c, ct) =>
        {
            var answer = await c.Client.GetAsync("/v1/templates", ct);
            if (c.Json)
            {
                await c.WriteJsonAsync(answer);
                return 0;
            }
            var table = new TextTable("NAME", "VERSION", "ENTRYPOINTS");
            foreach (var t in answer as JsonArray ?? [])
            {
                var eps = new List<string>();
                foreach (var e in t?["entrypoints"] as JsonArray ?? []) eps.Add(TextTable.Cell(e));
                table.Add(TextTable.Cell(t?["name"]), TextTable.Cell(t?["version"]), string.Join(", ", eps));
            }
            await table.WriteAsync(c.Out);
            return 0;
        });
    }

    private static Command LibraryPush()
    {
        var paths = ClientCommand.Positionals("FILE_OR_DIR", ".rego files or directories (every .rego under them); a library is named by its path without .rego, relative to the directory given.");
        return ClientCommand.Create("push", "Push shared libraries (create or replace by name).", "library push FILE_OR_DIR...", [paths], async (c, ct) =>
        {
            var files = RegoFiles(c.Value(paths) ?? []);
            if (files.Count == 0) throw new UsageException("give at least one .rego file or a directory holding some");
            var results = new JsonArray();
            foreach (var lib in files)
            {
                var answer = await c.Client.PostAsync("/v1/libraries", new JsonObject { ["name"] = lib.Name, ["source"] = Read(lib.Path) }, ct);
                if (c.Json) results.Add(answer);
                else await c.Out.WriteLineAsync($"library {lib.Name} pushed ({lib.Path})");
            }
            if (c.Json) await c.WriteJsonAsync(results);
            return 0;
        });
    }

    /// <summary>A .rego file to push and the name it gets: its path under the directory given, without .rego.</summary>
    private sealed record RegoFile(string Name, string Path);

    private static List<RegoFile> RegoFiles(string[] paths)
    {
        var files = new List<RegoFile>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                var found = Directory.GetFiles(p, "*.rego", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                foreach (var f in found) files.Add(new RegoFile(Path.ChangeExtension(Path.GetRelativePath(p, f), null).Replace('\\', '/'), f));
            }
            else if (File.Exists(p))
            {
                files.Add(new RegoFile(Path.GetFileNameWithoutExtension(p), p));
            }
            else
            {
                throw new UsageException($"{p}: no such file or directory");
            }
        }
        return files;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{path}: {ex.Message}");
        }
    }
}
