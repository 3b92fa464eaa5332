using System.Security.Cryptography;
using Tollgate.ControlPlane.Builds;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;
using Tollgate.Runtime.Bundles;

namespace Tollgate.ControlPlane.Tests.Builds;

public sealed class SigningTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteStore _store;

    public SigningTests()
    {
        _store = new SqliteStore(_dir.File("cp.db"));
        _store.PutTemplate("basic-rbac", Seed.Template, Seed.Entrypoints);
    }

    [Fact]
    public void Rs256_signed_bundle_verifies_with_the_public_key_and_not_another()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var bundle = BuildSigned(BundleSigner.FromPem("RS256", key.ExportPkcs8PrivateKeyPem()));
        Assert.True(bundle.Files.ContainsKey(Bundle.SignaturesPath));
        BundleVerifier.FromPem("RS256", key.ExportSubjectPublicKeyInfoPem()).Verify(bundle);
        Assert.ThrowsAny<Exception>(() => BundleVerifier.FromPem("RS256", other.ExportSubjectPublicKeyInfoPem()).Verify(bundle));
    }

    [Fact]
    public void Es256_signed_bundle_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var bundle = BuildSigned(BundleSigner.FromPem("ES256", key.ExportPkcs8PrivateKeyPem()));
        BundleVerifier.FromPem("ES256", key.ExportSubjectPublicKeyInfoPem()).Verify(bundle);
    }

    private Bundle BuildSigned(BundleSigner signer)
    {
        var build = new TenantBuilder(_store, signer: signer).Build(Seed.Tenant("1001"));
        Assert.True(build.Success, build.Error);
        using var ms = new MemoryStream(build.Bundle!);
        return Bundle.Read(ms);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
