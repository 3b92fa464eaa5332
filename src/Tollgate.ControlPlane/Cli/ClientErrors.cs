namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// A call to the control plane that did not succeed: unreachable, or answered with an error. The message is
/// what the operator should read (the server's own error text where there is one); the CLI exits with 1.
/// </summary>
public sealed class ControlPlaneClientException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status the server answered, or null when it was not reached.</summary>
    public int? StatusCode { get; } = statusCode;
}

/// <summary>The command line itself is wrong (a missing argument, a malformed value); the CLI exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
