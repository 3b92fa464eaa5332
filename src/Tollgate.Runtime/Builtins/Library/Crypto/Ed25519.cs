using System.Numerics;
using System.Security.Cryptography;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>
/// Ed25519 (RFC 8032 section 5.1) over System.Numerics.BigInteger: .NET offers no Ed25519 API, and the
/// JWS EdDSA algorithm needs verification (io.jwt.verify_eddsa, decode_verify) and deterministic signing
/// (io.jwt.encode_sign). Not constant time: the host only signs with keys the policy itself supplies.
/// </summary>
internal static class Ed25519
{
    public const int KeySize = 32;
    public const int SignatureSize = 64;

    // Field prime p = 2^255 - 19 and group order L (RFC 8032 section 5.1).
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    /// <summary>A point in extended homogeneous coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.</summary>
    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    private static readonly Point Identity = new(0, 1, 1, 0);

    /// <summary>Verifies a 64-byte signature of message under a 32-byte public key (cofactorless, as Go's crypto/ed25519).</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != KeySize || signature.Length != SignatureSize)
        {
            return false;
        }
        if (Decode(publicKey) is not { } a)
        {
            return false;
        }
        var s = LittleEndian(signature[32..]);
        if (s >= L)
        {
            return false;
        }
        var k = HashToScalar(signature[..32], publicKey, message);
        // R' = [S]B - [k]A must encode to the R half of the signature.
        var check = Add(Multiply(Base, s), Multiply(Negate(a), k));
        return Encode(check).AsSpan().SequenceEqual(signature[..32]);
    }

    /// <summary>The public key of a 32-byte private key (seed).</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed)
    {
        var (scalar, _) = Expand(seed);
        return Encode(Multiply(Base, scalar));
    }

    /// <summary>The deterministic signature of message under a 32-byte private key (seed).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var (scalar, prefix) = Expand(seed);
        var publicKey = Encode(Multiply(Base, scalar));
        var r = HashToScalar(prefix, message, []);
        var encodedR = Encode(Multiply(Base, r));
        var k = HashToScalar(encodedR, publicKey, message);
        var s = (r + (k * scalar)) % L;
        var signature = new byte[SignatureSize];
        encodedR.CopyTo(signature, 0);
        WriteLittleEndian(s, signature.AsSpan(32));
        return signature;
    }

    private static (BigInteger Scalar, byte[] Prefix) Expand(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != KeySize)
        {
            throw new CryptographicException("bad Ed25519 private key length");
        }
        var h = SHA512.HashData(seed);
        // Clamp: clear the 3 low bits, clear bit 255, set bit 254.
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        return (LittleEndian(h.AsSpan(0, 32)), h[32..]);
    }

    private static BigInteger HashToScalar(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha.AppendData(a);
        sha.AppendData(b);
        sha.AppendData(c);
        return LittleEndian(sha.GetHashAndReset()) % L;
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y, 0) ?? throw new InvalidOperationException("Ed25519 base point");
        return new Point(x, y, 1, Mod(x * y));
    }

    private static Point Add(Point p, Point q)
    {
        // RFC 8032 section 5.1.4, "add-2008-hwcd-3".
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(p.T * 2 * D * q.T);
        var d = Mod(p.Z * 2 * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Negate(Point p) => new(Mod(-p.X), p.Y, p.Z, Mod(-p.T));

    private static Point Multiply(Point p, BigInteger scalar)
    {
        var result = Identity;
        var addend = p;
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }
            addend = Add(addend, addend);
            scalar >>= 1;
        }
        return result;
    }

    private static byte[] Encode(Point p)
    {
        var zInverse = Inverse(p.Z);
        var x = Mod(p.X * zInverse);
        var y = Mod(p.Y * zInverse);
        var bytes = new byte[KeySize];
        WriteLittleEndian(y, bytes);
        if (!x.IsEven)
        {
            bytes[31] |= 0x80;
        }
        return bytes;
    }

    private static Point? Decode(ReadOnlySpan<byte> encoded)
    {
        Span<byte> copy = stackalloc byte[KeySize];
        encoded.CopyTo(copy);
        var sign = copy[31] >> 7;
        copy[31] &= 0x7f;
        var y = LittleEndian(copy);
        if (y >= P)
        {
            return null;
        }
        if (RecoverX(y, sign) is not { } x)
        {
            return null;
        }
        return new Point(x, y, 1, Mod(x * y));
    }

    /// <summary>RFC 8032 section 5.1.3: x from y and the sign bit, or null when no such point exists.</summary>
    private static BigInteger? RecoverX(BigInteger y, int sign)
    {
        var y2 = Mod(y * y);
        var u = Mod(y2 - 1);
        var v = Mod((D * y2) + 1);
        var v3 = Mod(v * v * v);
        var v7 = Mod(v3 * v3 * v);
        var x = Mod(u * v3 * BigInteger.ModPow(Mod(u * v7), (P - 5) / 8, P));
        var vx2 = Mod(v * x * x);
        if (vx2 != u)
        {
            if (vx2 != Mod(-u))
            {
                return null;
            }
            x = Mod(x * SqrtMinusOne);
        }
        if (x.IsZero && sign == 1)
        {
            return null;
        }
        if ((int)(x & 1) != sign)
        {
            x = P - x;
        }
        return x;
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger LittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    private static void WriteLittleEndian(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        value.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false);
    }
}
