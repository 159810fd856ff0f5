namespace GpuValidate.Kernels.Secp256k1;

/// <summary>How <see cref="SignatureKernels"/> splits large batches into chunks that overlap copies with kernels.</summary>
public sealed record SignatureKernelsOptions
{
    /// <summary>The default chunk: large enough to fill a GPU, small enough that a 1M-item batch pipelines.</summary>
    public const int DefaultChunkSize = 65_536;

    /// <summary>The default number of streams: one uploading, one computing, one downloading.</summary>
    public const int DefaultStreams = 3;

    /// <summary>Items per chunk; a batch of at most this many items runs as one chunk on one stream.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Streams (each with its own device buffers and page-locked staging) that chunks rotate over.</summary>
    public int Streams { get; init; } = DefaultStreams;
}
