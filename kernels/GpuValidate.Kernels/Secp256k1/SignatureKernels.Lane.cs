using ILGPU.Runtime;

namespace GpuValidate.Kernels.Secp256k1;

public sealed partial class SignatureKernels
{
    /// <summary>
    /// One stream with its own device buffers and page-locked staging, and the chunk it has in flight: while one lane
    /// runs its kernel, the next lane's upload and the previous lane's download proceed on their own streams.
    /// </summary>
    private sealed class Lane : IDisposable
    {
        public Lane(Accelerator accelerator)
        {
            Stream = accelerator.CreateStream();
            In0 = new(accelerator);
            In1 = new(accelerator);
            In2 = new(accelerator);
            In3 = new(accelerator);
            Offsets = new(accelerator);
            Lengths = new(accelerator);
            Out0 = new(accelerator);
            Out1 = new(accelerator);
            Status = new(accelerator);
        }

        public AcceleratorStream Stream { get; }

        public Staged<byte> In0 { get; }

        public Staged<byte> In1 { get; }

        public Staged<byte> In2 { get; }

        public Staged<byte> In3 { get; }

        public Staged<int> Offsets { get; }

        public Staged<int> Lengths { get; }

        public Staged<byte> Out0 { get; }

        public Staged<byte> Out1 { get; }

        public Staged<byte> Status { get; }

        /// <summary>First item of the chunk in flight.</summary>
        public int Start { get; private set; }

        /// <summary>Items in flight; 0 when the lane's results have been collected.</summary>
        public int Count { get; private set; }

        /// <summary>Elements held by the lane's buffers, in bytes.</summary>
        public long CapacityBytes =>
            In0.Capacity + In1.Capacity + In2.Capacity + In3.Capacity + (4 * (Offsets.Capacity + Lengths.Capacity))
            + Out0.Capacity + Out1.Capacity + Status.Capacity;

        /// <summary>
        /// Queues the downloads of the chunk of <paramref name="count"/> items from <paramref name="start"/> (outputs of
        /// <paramref name="width0"/> and <paramref name="width1"/> bytes per item, 0 for none, and the status) and marks
        /// it in flight for <see cref="Collect"/>.
        /// </summary>
        public void QueueResults(int start, int count, int width0, int width1)
        {
            if (width0 > 0)
            {
                Out0.Download(Stream, width0 * count);
            }

            if (width1 > 0)
            {
                Out1.Download(Stream, width1 * count);
            }

            Status.Download(Stream, count);
            (Start, Count) = (start, count);
        }

        /// <summary>
        /// Waits for the lane's chunk and copies its results (<paramref name="width0"/> and <paramref name="width1"/>
        /// bytes per item, 0 for none, and a status byte per item) into the callers' spans; nothing if no chunk is in flight.
        /// </summary>
        public void Collect(Span<byte> out0, int width0, Span<byte> out1, int width1, Span<byte> status)
        {
            Stream.Synchronize();
            if (Count == 0)
            {
                return;
            }

            Out0.Result(width0 * Count).CopyTo(out0[(width0 * Start)..]);
            Out1.Result(width1 * Count).CopyTo(out1[(width1 * Start)..]);
            Status.Result(Count).CopyTo(status[Start..]);
            Count = 0;
        }

        /// <summary>Forgets a chunk left behind by a call that failed part-way.</summary>
        public void Reset()
        {
            Stream.Synchronize();
            Count = 0;
        }

        public void Dispose()
        {
            In0.Dispose();
            In1.Dispose();
            In2.Dispose();
            In3.Dispose();
            Offsets.Dispose();
            Lengths.Dispose();
            Out0.Dispose();
            Out1.Dispose();
            Status.Dispose();
            Stream.Dispose();
        }
    }
}
