namespace Tollgate.Runtime.Tests;

public sealed class DataPatchTests : IDisposable
{
    private readonly PolicyEngine _engine = TestEngines.Create();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void AddDataPath_passes_the_path_array_and_value_to_opa_value_add_path()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8);
        Assert.Equal("[]", pool.EvaluateJson("test/patched", "{}"));

        pool.AddDataPath(["tenants", "acme"], """{"plan":"gold"}"""u8);

        Assert.Equal("""[{"result":{"plan":"gold"}}]""", pool.EvaluateJson("test/patched", "{}"));
        Assert.Equal("""[{"result":["tenants","acme"]}]""", pool.EvaluateJson("test/patch_path", "{}"));
    }

    [Fact]
    public void The_patch_survives_heap_resets_between_evaluations()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8);
        pool.AddDataPath(["k"], "[1,2,3]"u8);

        for (int i = 0; i < 50; i++)
        {
            pool.EvaluateJson("test/echo", "{\"overwrite\":\"" + new string('z', 200) + "\"}");
        }

        Assert.Equal("[{\"result\":[1,2,3]}]", pool.EvaluateJson("test/patched", "{}"));
    }

    [Fact]
    public void RemoveDataPath_calls_opa_value_remove_path()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8);
        pool.AddDataPath(["k"], "1"u8);

        pool.RemoveDataPath(["k"]);

        Assert.Equal("[]", pool.EvaluateJson("test/patched", "{}"));
        // Nothing left to remove: the module reports "invalid path" (3).
        var error = Assert.Throws<PolicyDataException>(() => pool.RemoveDataPath(["k"]));
        Assert.Contains("invalid path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_patch_throws_and_is_not_replayed()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8, new PoolOptions { MaxInstances = 2 });

        Assert.Throws<PolicyDataException>(() => pool.AddDataPath([], "1"u8));
        Assert.Throws<PolicyInputException>(() => pool.AddDataPath(["a"], "{"u8));

        Assert.Equal("[]", pool.EvaluateJson("test/patched", "{}"));
    }

    [Fact]
    public void Every_instance_sees_the_patch_including_busy_and_new_ones()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8,
            new PoolOptions { MaxInstances = 3, InitialInstances = 2 });
        pool.AddDataPath(["v"], "\"patched\""u8);
        using var barrier = new Barrier(3);
        var options = new EvaluationOptions { Print = _ => barrier.SignalAndWait(TimeSpan.FromSeconds(10)) };
        var results = new string[3];

        // Three evaluations held inside the module at once force three distinct instances (one created now).
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
            results[i] = System.Text.Encoding.UTF8.GetString(pool.Evaluate("test/print_patched", "{}"u8, options)));

        Assert.Equal(3, pool.InstanceCount);
        Assert.All(results, result => Assert.Equal("[{\"result\":\"patched\"}]", result));
    }

    [Fact]
    public void Concurrent_patches_and_evaluations_leave_every_instance_with_the_same_data()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8,
            new PoolOptions { MaxInstances = 3, InitialInstances = 3 });

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 4 == 0)
            {
                pool.AddDataPath(["v"], System.Text.Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                // Before the first patch lands the rule is undefined; afterwards it is some patched number.
                string result = pool.EvaluateJson("test/patched", "{}");
                Assert.True(result == "[]" || result.StartsWith("[{\"result\":", StringComparison.Ordinal), result);
            }
        });

        using var barrier = new Barrier(3);
        var options = new EvaluationOptions { Print = _ => barrier.SignalAndWait(TimeSpan.FromSeconds(10)) };
        var results = new string[3];
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
            results[i] = System.Text.Encoding.UTF8.GetString(pool.Evaluate("test/print_patched", "{}"u8, options)));

        Assert.Equal(3, pool.InstanceCount);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void Modules_before_abi_1_3_without_the_export_report_it()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Build("ctx_only.wat")), "{}"u8);

        var error = Assert.Throws<PolicyDataException>(() => pool.AddDataPath(["a"], "1"u8));

        Assert.Contains("opa_value_add_path", error.Message, StringComparison.Ordinal);
        Assert.Equal("[{\"result\":5}]", pool.EvaluateJson("test/echo", "5"));
    }
}
