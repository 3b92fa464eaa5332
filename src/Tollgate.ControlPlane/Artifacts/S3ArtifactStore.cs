using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Tollgate.ControlPlane.Artifacts;

/// <summary>Where the S3 artifact store lives: an endpoint (any S3-compatible server), a bucket and a key prefix.</summary>
public sealed record S3ArtifactOptions(string ServiceUrl, string Bucket, string Prefix = "artifacts/", string? AccessKey = null, string? SecretKey = null, string Region = "us-east-1");

/// <summary>
/// Artifacts in an S3-compatible bucket (path-style addressing, so s3rver, MinIO and AWS all work), keyed
/// <c>{prefix}{sha[0..2]}/{sha}.tar.gz</c>. A PUT is atomic in S3, so a reader never sees a partial object;
/// reads re-check the hash as the local store does.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly S3ArtifactOptions _options;

    public S3ArtifactStore(S3ArtifactOptions options)
    {
        _options = options;
        var credentials = new BasicAWSCredentials(
            options.AccessKey ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "S3RVER",
            options.SecretKey ?? Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "S3RVER");
        _s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // Plain bodies: S3-compatible servers (s3rver) store aws-chunked checksum trailers verbatim.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    /// <summary>Creates the bucket when it does not exist yet (startup, tests).</summary>
    public async Task EnsureBucketAsync(CancellationToken ct = default)
    {
        try
        {
            await _s3.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict || ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (await ExistsAsync(sha, ct)) return sha; // immutable: never rewritten
        using var body = new MemoryStream(bytes.ToArray(), writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = KeyFor(sha),
            InputStream = body,
            ContentType = "application/gzip",
            AutoCloseStream = false,
            UseChunkEncoding = false,
        }, ct);
        return sha;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default)
    {
        if (!LocalArtifactStore.IsSha(sha256)) return null;
        try
        {
            using var response = await _s3.GetObjectAsync(_options.Bucket, KeyFor(sha256), ct);
            using var ms = new MemoryStream();
            await response.ResponseStream.CopyToAsync(ms, ct);
            var bytes = ms.ToArray();
            return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256 ? bytes : null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        if (!LocalArtifactStore.IsSha(sha256)) return false;
        try
        {
            await _s3.GetObjectMetadataAsync(_options.Bucket, KeyFor(sha256), ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private string KeyFor(string sha) => $"{_options.Prefix}{sha[..2]}/{sha}.tar.gz";

    public void Dispose() => _s3.Dispose();
}
