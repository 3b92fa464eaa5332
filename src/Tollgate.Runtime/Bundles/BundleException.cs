namespace Tollgate.Runtime.Bundles;

/// <summary>A bundle is malformed, too large, or fails signature verification.</summary>
public sealed class BundleException : PolicyException
{
    public BundleException() : this("invalid bundle") { }

    public BundleException(string message) : base(message) { }

    public BundleException(string message, Exception inner) : base(message, inner) { }
}
