namespace Tollgate.ControlPlane.Tests.Support;

/// <summary>
/// A test that needs an external service named by an environment variable (a PostgreSQL connection string,
/// an S3 endpoint). Without it the test is skipped with the reason, decided at discovery — except under
/// <c>TOLLGATE_CI=1</c>, where it runs and fails, so CI cannot silently lose the coverage.
/// </summary>
public abstract class ServiceFactAttribute : FactAttribute
{
    protected ServiceFactAttribute(string variable, string service)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)) && Environment.GetEnvironmentVariable("TOLLGATE_CI") != "1")
        {
            Skip = $"needs {service}: set {variable} (.ci/services.sh starts one and prints the export)";
        }
    }

    /// <summary>The variable's value, or a failed assertion saying it is missing (the CI case).</summary>
    public static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrEmpty(value), $"{variable} is not set but TOLLGATE_CI=1 requires this test to run (run .ci/services.sh)");
        return value!;
    }
}

public sealed class PostgresFactAttribute() : ServiceFactAttribute("TOLLGATE_TEST_POSTGRES", "PostgreSQL");

public sealed class S3FactAttribute() : ServiceFactAttribute("TOLLGATE_TEST_S3", "an S3-compatible server (s3rver)");
