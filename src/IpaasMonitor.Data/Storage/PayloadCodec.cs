using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// How message payloads are stored (ADR-008): a one-byte marker then the body.
/// <list type="bullet">
/// <item><c>0x00</c>: UTF-8 text as is (short payloads, where compression gains nothing).</item>
/// <item><c>0x01</c>: UTF-8 text compressed with Brotli (payloads of <see cref="CompressFrom"/> bytes or more).</item>
/// <item><c>0x02</c>: UTF-16LE text (rows a pre-release SQL Server migration converted in place; no database made by
/// the squashed migrations of ADR-005 holds any, but they still read).</item>
/// <item>anything else: a legacy row written as plain text before the change, read as UTF-8 (JSON and text never
/// start with byte 0x00–0x02).</item>
/// </list>
/// </summary>
public static class PayloadCodec
{
    /// <summary>Payloads shorter than this (in UTF-8 bytes) are stored raw.</summary>
    public const int CompressFrom = 1024;

    /// <summary>Brotli quality 2 with a 64 KiB window: ~4–7× on JSON at a few µs per KB (measured in bench/).</summary>
    public const int Quality = 2;

    public const int Window = 16;

    private const byte Raw = 0x00;
    private const byte Brotli = 0x01;
    private const byte Utf16 = 0x02;

    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetByteCount(text);
        if (length < CompressFrom)
        {
            var raw = new byte[length + 1];
            raw[0] = Raw;
            Encoding.UTF8.GetBytes(text, raw.AsSpan(1));
            return raw;
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        var bound = BrotliEncoder.GetMaxCompressedLength(length) + 1;
        var output = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, utf8);
            output[0] = Brotli;
            if (!BrotliEncoder.TryCompress(utf8.AsSpan(0, written), output.AsSpan(1), out var compressed, Quality, Window))
            {
                throw new InvalidOperationException("Brotli could not compress the payload.");
            }

            return output.AsSpan(0, compressed + 1).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    public static string Decode(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length == 0)
        {
            return "";
        }

        switch (stored[0])
        {
            case Raw:
                return Encoding.UTF8.GetString(stored.AsSpan(1));
            case Utf16:
                return Encoding.Unicode.GetString(stored.AsSpan(1));
            case Brotli:
                using (var input = new MemoryStream(stored, 1, stored.Length - 1, writable: false))
                using (var brotli = new BrotliStream(input, CompressionMode.Decompress))
                using (var reader = new StreamReader(brotli, Encoding.UTF8))
                {
                    return reader.ReadToEnd();
                }

            default:
                return Encoding.UTF8.GetString(stored);
        }
    }
}
