using ILGPU;
using ILGPU.Runtime;

namespace GpuValidate.Kernels.Secp256k1;

public sealed partial class SignatureKernels
{
    /// <summary>
    /// A grow-only device buffer with its page-locked host twin: callers' spans are copied into the twin, and the
    /// twin is what the stream copies from and to, so the copy is asynchronous and the caller's memory never needs
    /// pinning for the length of a kernel.
    /// </summary>
    private sealed class Staged<T> : IDisposable
        where T : unmanaged
    {
        private readonly Accelerator _accelerator;
        private MemoryBuffer1D<T, Stride1D.Dense>? _device;
        private PageLockedArray1D<T>? _host;

        public Staged(Accelerator accelerator) => _accelerator = accelerator;

        /// <summary>Elements the buffers hold now (0 before first use); for tests of the grow-only policy.</summary>
        public long Capacity => _device?.Length ?? 0;

        /// <summary>The host staging span of at least <paramref name="length"/> elements, to fill before <see cref="Upload(AcceleratorStream, int)"/>.</summary>
        public Span<T> Stage(int length) => Ensure(length).Host.Span[..length];

        /// <summary>Enqueues the copy of the first <paramref name="length"/> staged elements to the device.</summary>
        public ArrayView<T> Upload(AcceleratorStream stream, int length)
        {
            var (device, host) = Ensure(length);
            ArrayView<T> view = device.View;
            if (length > 0)
            {
                view.SubView(0, length).CopyFrom(stream, host.ArrayView.SubView(0, length));
            }

            return view;
        }

        /// <summary>Copies <paramref name="data"/> into staging and enqueues its upload.</summary>
        public ArrayView<T> Upload(AcceleratorStream stream, ReadOnlySpan<T> data)
        {
            data.CopyTo(Stage(data.Length));
            return Upload(stream, data.Length);
        }

        /// <summary>A device view of at least <paramref name="length"/> elements for a kernel to write.</summary>
        public ArrayView<T> Output(int length) => Ensure(length).Device.View;

        /// <summary>Enqueues the copy of the first <paramref name="length"/> device elements back into staging.</summary>
        public void Download(AcceleratorStream stream, int length)
        {
            if (length > 0)
            {
                var (device, host) = Ensure(length);
                ArrayView<T> view = device.View;
                host.ArrayView.SubView(0, length).CopyFrom(stream, view.SubView(0, length));
            }
        }

        /// <summary>The downloaded elements; valid once the stream has been synchronised.</summary>
        public ReadOnlySpan<T> Result(int length) => length == 0 ? [] : _host!.Span[..length];

        public void Dispose()
        {
            _device?.Dispose();
            _host?.Dispose();
            _device = null;
            _host = null;
        }

        // Grow-only, doubling; at least one element so an all-empty message buffer still gets a valid (unread) view.
        private (MemoryBuffer1D<T, Stride1D.Dense> Device, PageLockedArray1D<T> Host) Ensure(long needed)
        {
            needed = Math.Max(needed, 1);
            if (_device is null || _host is null || _device.Length < needed)
            {
                long capacity = _device is null ? needed : Math.Max(needed, _device.Length * 2);
                _device?.Dispose();
                _host?.Dispose();
                _device = null;
                _host = null;
                _device = _accelerator.Allocate1D<T>(capacity);
                _host = _accelerator.AllocatePageLocked1D<T>(capacity);
            }

            return (_device, _host);
        }
    }
}
