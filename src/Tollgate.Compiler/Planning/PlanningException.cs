using Tollgate.Rego.Text;

namespace Tollgate.Compiler.Planning;

/// <summary>A construct the planner cannot compile (reported as a diagnostic by the facade).</summary>
public sealed class PlanningException(string message, SourceLocation location) : Exception(message)
{
    public SourceLocation Location { get; } = location;
}
