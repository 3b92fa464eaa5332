namespace Tollgate.Cli;

/// <summary>A user-facing error: printed as "error: message" with exit code 1, no stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message) : base(message) { }

    public CliException() { }

    public CliException(string message, Exception inner) : base(message, inner) { }
}
